/** Anthropic `POST /v1/messages`: the message object and the typed event stream. */
import type { ChatEndpoint } from "./chat-endpoint.js";
import { fixtureJson, fixtureSse } from "./fixtures.js";
import { promptText } from "./prompt-text.js";
import { argumentPieces, type ScriptedAnswer, textPieces } from "./scripted-answer.js";
import { scriptedId } from "./scripted-ids.js";
import type { SseEvent } from "./sse-events.js";

type Json = Record<string, unknown>;

const stopReasons = { stop: "end_turn", length: "max_tokens", tool_calls: "tool_use" } as const;

function parseInput(args: string): unknown {
  try {
    return JSON.parse(args);
  } catch {
    return {};
  }
}

function contentBlocks(answer: ScriptedAnswer): Json[] {
  const blocks: Json[] = [];
  if (answer.text !== null) blocks.push({ type: "text", text: answer.text });
  const toolUse = (fixtureJson<Json>("anthropic-message-tool-use.json")["content"] as Json[])[0]!;
  for (const c of answer.toolCalls) {
    blocks.push({ ...toolUse, id: c.id, name: c.name, input: parseInput(c.arguments) });
  }
  return blocks;
}

function usage(answer: ScriptedAnswer, template: Json, outputTokens: number): Json {
  return {
    ...template,
    input_tokens: answer.usage.inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: answer.usage.cachedInputTokens,
    output_tokens: outputTokens,
  };
}

function message(answer: ScriptedAnswer): Json {
  const template = fixtureJson<Json>("anthropic-message.json");
  return {
    ...template,
    id: scriptedId("msg_01", 22),
    model: answer.model,
    content: contentBlocks(answer),
    stop_reason: stopReasons[answer.finish],
    stop_sequence: null,
    usage: usage(answer, template["usage"] as Json, answer.usage.outputTokens),
  };
}

function events(answer: ScriptedAnswer): SseEvent[] {
  const recorded = fixtureSse("anthropic-message-stream.txt");
  const start = recorded[0]!.data as Json;
  const startMessage = start["message"] as Json;
  const out: SseEvent[] = [];
  const emit = (type: string, fields: Json) =>
    out.push({ event: type, data: JSON.stringify({ type, ...fields }) });
  emit("message_start", {
    message: {
      ...startMessage,
      id: scriptedId("msg_01", 22),
      model: answer.model,
      usage: usage(answer, startMessage["usage"] as Json, 1),
    },
  });
  contentBlocks(answer).forEach((block, index) => {
    if (block["type"] === "text") {
      emit("content_block_start", { index, content_block: { type: "text", text: "" } });
      if (index === 0) out.push({ event: "ping", data: JSON.stringify({ type: "ping" }) });
      for (const text of textPieces(String(block["text"]))) {
        emit("content_block_delta", { index, delta: { type: "text_delta", text } });
      }
    } else {
      emit("content_block_start", { index, content_block: { ...block, input: {} } });
      const args = JSON.stringify(block["input"]);
      emit("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: "" } });
      for (const partial_json of argumentPieces(args)) {
        emit("content_block_delta", { index, delta: { type: "input_json_delta", partial_json } });
      }
    }
    emit("content_block_stop", { index });
  });
  emit("message_delta", {
    delta: { stop_reason: stopReasons[answer.finish], stop_sequence: null },
    usage: { output_tokens: answer.usage.outputTokens },
  });
  emit("message_stop", {});
  return out;
}

export const anthropicMessages: ChatEndpoint = {
  dialect: "anthropic",
  validate(body) {
    for (const field of ["model", "max_tokens", "messages"]) {
      if (body[field] === undefined) return { status: 400, message: `${field}: Field required` };
    }
    return null;
  },
  requestedModel: (body) => String(body["model"]),
  prompt: promptText,
  wantsJson: () => false,
  wantsStream: (body) => body["stream"] === true,
  toolCallId: () => scriptedId("toolu_01", 22),
  complete: (answer) => message(answer),
  stream: (answer) => events(answer),
};
