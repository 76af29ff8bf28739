/** OpenAI `POST /v1/chat/completions`: the JSON completion and the `chat.completion.chunk` stream. */
import { writeOpenAIChatUsage } from "@genchi/core/dialects";
import type { ChatEndpoint } from "./chat-endpoint.js";
import { fixtureJson, fixtureSse } from "./fixtures.js";
import { isRecord, promptText } from "./prompt-text.js";
import { argumentPieces, type ScriptedAnswer, textPieces } from "./scripted-answer.js";
import { scriptedId } from "./scripted-ids.js";
import type { SseEvent } from "./sse-events.js";

type Json = Record<string, unknown>;

/** The dialect's usage over the recorded one, so fields genchi does not read keep their recorded values. */
function openaiUsage(answer: ScriptedAnswer, template: Json): Json {
  const usage = writeOpenAIChatUsage(answer.usage);
  return {
    ...template,
    ...usage,
    prompt_tokens_details: { ...usage.prompt_tokens_details, audio_tokens: 0 },
  };
}

function completion(answer: ScriptedAnswer): Json {
  const template = fixtureJson<Json>(
    answer.toolCalls.length > 0 ? "openai-chat-completion-tool-calls.json" : "openai-chat-completion.json",
  );
  const choice = (template["choices"] as Json[])[0]!;
  const message: Json = { role: "assistant", content: answer.text };
  if (answer.toolCalls.length > 0) {
    message["tool_calls"] = answer.toolCalls.map((c) => ({
      id: c.id,
      type: "function",
      function: { name: c.name, arguments: c.arguments },
    }));
  }
  message["refusal"] = null;
  message["annotations"] = [];
  return {
    ...template,
    id: scriptedId("chatcmpl-"),
    created: Math.floor(Date.now() / 1000),
    model: answer.model,
    choices: [{ ...choice, message, finish_reason: answer.finish }],
    usage: openaiUsage(answer, template["usage"] as Json),
  };
}

function chunks(answer: ScriptedAnswer, includeUsage: boolean): SseEvent[] {
  const recorded = fixtureSse("openai-chat-completion-stream.txt").map((e) => e.data);
  const first = recorded[0] as Json;
  const usageTemplate = (recorded.find((d) => isRecord(d) && isRecord(d["usage"])) as Json)["usage"] as Json;
  const { choices: _c, usage: _u, ...head } = first;
  const base: Json = {
    ...head,
    id: scriptedId("chatcmpl-"),
    created: Math.floor(Date.now() / 1000),
    model: answer.model,
  };
  const tail = includeUsage ? { usage: null } : {};
  const chunk = (delta: Json, finish: string | null = null): SseEvent => ({
    data: JSON.stringify({
      ...base,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...tail,
    }),
  });
  const events: SseEvent[] = [];
  if (answer.toolCalls.length === 0 || answer.text !== null) {
    events.push(chunk({ role: "assistant", content: "", refusal: null }));
    for (const piece of textPieces(answer.text ?? "")) events.push(chunk({ content: piece }));
  }
  answer.toolCalls.forEach((call, index) => {
    const opening: Json = {
      tool_calls: [{ index, id: call.id, type: "function", function: { name: call.name, arguments: "" } }],
    };
    events.push(
      chunk(events.length === 0 ? { role: "assistant", content: null, ...opening, refusal: null } : opening),
    );
    for (const piece of argumentPieces(call.arguments)) {
      events.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  events.push(chunk({}, answer.finish));
  if (includeUsage) {
    events.push({
      data: JSON.stringify({ ...base, choices: [], usage: openaiUsage(answer, usageTemplate) }),
    });
  }
  events.push({ data: "[DONE]" });
  return events;
}

export const openaiChat: ChatEndpoint = {
  dialect: "openai",
  validate(body) {
    if (typeof body["model"] !== "string") {
      return { status: 400, message: "you must provide a model parameter", param: null, code: null };
    }
    if (!Array.isArray(body["messages"])) {
      return {
        status: 400,
        message: "Missing required parameter: 'messages'.",
        param: "messages",
        code: "missing_required_parameter",
      };
    }
    return null;
  },
  requestedModel: (body) => String(body["model"]),
  prompt: promptText,
  wantsJson(body) {
    const format = body["response_format"];
    return isRecord(format) && (format["type"] === "json_object" || format["type"] === "json_schema");
  },
  wantsStream: (body) => body["stream"] === true,
  toolCallId: () => scriptedId("call_", 24),
  complete: (answer) => completion(answer),
  stream(answer, body) {
    const options = body["stream_options"];
    return chunks(answer, isRecord(options) && options["include_usage"] === true);
  },
};
