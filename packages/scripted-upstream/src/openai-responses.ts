/** OpenAI Responses `POST /v1/responses`: the response object and its typed event stream. */
import { writeOpenAIResponsesUsage } from "@genchi/core/dialects";
import type { ChatEndpoint } from "./chat-endpoint.js";
import { fixtureJson } from "./fixtures.js";
import { isRecord, promptText } from "./prompt-text.js";
import { argumentPieces, type ScriptedAnswer, textPieces } from "./scripted-answer.js";
import { scriptedHexId, scriptedId } from "./scripted-ids.js";
import type { SseEvent } from "./sse-events.js";

type Json = Record<string, unknown>;

function outputItems(answer: ScriptedAnswer, status: string): Json[] {
  const items: Json[] = [];
  if (answer.text !== null) {
    const message = (fixtureJson<Json>("openai-response.json")["output"] as Json[])[0]!;
    const part = (message["content"] as Json[])[0]!;
    items.push({
      ...message,
      id: scriptedHexId("msg_"),
      status,
      content: status === "in_progress" ? [] : [{ ...part, text: answer.text }],
    });
  }
  const call = (fixtureJson<Json>("openai-response-function-call.json")["output"] as Json[])[0]!;
  for (const c of answer.toolCalls) {
    items.push({
      ...call,
      id: scriptedHexId("fc_"),
      status,
      arguments: status === "in_progress" ? "" : c.arguments,
      call_id: c.id,
      name: c.name,
    });
  }
  return items;
}

function responseObject(
  answer: ScriptedAnswer,
  body: Json,
  id: string,
  status: string,
  output: Json[],
): Json {
  const template = fixtureJson<Json>("openai-response.json");
  const done = status !== "in_progress";
  const text = isRecord(body["text"]) ? { ...(template["text"] as Json), ...body["text"] } : template["text"];
  return {
    ...template,
    id,
    created_at: Math.floor(Date.now() / 1000),
    status,
    incomplete_details: status === "incomplete" ? { reason: "max_output_tokens" } : null,
    instructions: body["instructions"] ?? null,
    max_output_tokens: body["max_output_tokens"] ?? null,
    model: answer.model,
    output,
    previous_response_id: body["previous_response_id"] ?? null,
    temperature: body["temperature"] ?? template["temperature"],
    text,
    tools: body["tools"] ?? [],
    top_p: body["top_p"] ?? template["top_p"],
    usage: done ? writeOpenAIResponsesUsage(answer.usage) : null,
    metadata: body["metadata"] ?? {},
  };
}

const finalStatus = (answer: ScriptedAnswer) => (answer.finish === "length" ? "incomplete" : "completed");

function events(answer: ScriptedAnswer, body: Json): SseEvent[] {
  const id = scriptedHexId("resp_");
  const out: SseEvent[] = [];
  const emit = (type: string, fields: Json) =>
    out.push({ event: type, data: JSON.stringify({ type, sequence_number: out.length, ...fields }) });
  const pending = responseObject(answer, body, id, "in_progress", []);
  emit("response.created", { response: pending });
  emit("response.in_progress", { response: pending });
  const started = outputItems(answer, "in_progress");
  const finished = outputItems(answer, "completed");
  finished.forEach((item, output_index) => {
    const opening = { ...started[output_index]!, id: item["id"] };
    emit("response.output_item.added", { output_index, item: opening });
    const item_id = item["id"];
    if (item["type"] === "message") {
      const part = (item["content"] as Json[])[0]!;
      const at = { item_id, output_index, content_index: 0 };
      emit("response.content_part.added", { ...at, part: { ...part, text: "" } });
      for (const delta of textPieces(answer.text ?? "")) {
        emit("response.output_text.delta", { ...at, delta, logprobs: [] });
      }
      emit("response.output_text.done", { ...at, text: answer.text, logprobs: [] });
      emit("response.content_part.done", { ...at, part });
    } else {
      const args = String(item["arguments"]);
      for (const delta of argumentPieces(args)) {
        emit("response.function_call_arguments.delta", { item_id, output_index, delta });
      }
      emit("response.function_call_arguments.done", { item_id, output_index, arguments: args });
    }
    emit("response.output_item.done", { output_index, item });
  });
  const status = finalStatus(answer);
  emit(`response.${status}`, { response: responseObject(answer, body, id, status, finished) });
  return out;
}

export const openaiResponses: ChatEndpoint = {
  dialect: "openai",
  validate(body) {
    if (typeof body["model"] !== "string") {
      return { status: 400, message: "Missing required parameter: 'model'.", param: "model", code: null };
    }
    return null;
  },
  requestedModel: (body) => String(body["model"]),
  prompt: promptText,
  wantsJson(body) {
    const text = body["text"];
    const format = isRecord(text) ? text["format"] : undefined;
    return isRecord(format) && (format["type"] === "json_object" || format["type"] === "json_schema");
  },
  wantsStream: (body) => body["stream"] === true,
  toolCallId: () => scriptedId("call_", 24),
  complete(answer, body) {
    const status = finalStatus(answer);
    return responseObject(answer, body, scriptedHexId("resp_"), status, outputItems(answer, "completed"));
  },
  stream: events,
};
