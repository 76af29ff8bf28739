/**
 * What a gateway call means in each API dialect: the input of a request body, and the output,
 * usage, served model and finish reason of a JSON response or of a stream's events.
 */
import type { CallInput, CallOutput, ChatMessage, Usage } from "@genchi/spec";
import type { RawSseEvent } from "./sse-splitter.js";

export type GatewayPath = "/v1/chat/completions" | "/v1/responses" | "/v1/embeddings" | "/v1/messages";

export interface ResponseFields {
  output: CallOutput;
  usage: Usage | null;
  model: string | null;
  finishReason: string | null;
}

export interface Dialect {
  input(body: Record<string, unknown>): CallInput;
  fromJson(json: unknown): ResponseFields;
  /** Folds a stream's events; `isContent` tells the first event carrying output (for TTFT). */
  fromEvents(events: readonly RawSseEvent[]): ResponseFields;
  isContent(event: RawSseEvent): boolean;
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const int = (v: unknown): number | null =>
  typeof v === "number" && Number.isFinite(v) ? Math.round(v) : null;
const parse = (data: string): unknown => {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
};

function messagesOf(list: unknown): ChatMessage[] | null {
  if (!Array.isArray(list)) return null;
  const out: ChatMessage[] = [];
  for (const m of list) {
    if (!isRecord(m) || typeof m["role"] !== "string") return null;
    const content = m["content"];
    const fixed = Array.isArray(content)
      ? content.map((p) => (isRecord(p) && typeof p["type"] === "string" ? p : { type: "unknown" }))
      : content === undefined || typeof content === "string" || content === null
        ? content
        : JSON.stringify(content);
    out.push({ ...m, role: m["role"] as string, content: fixed } as ChatMessage);
  }
  return out;
}

const asInput = (body: Json, list: unknown): CallInput => messagesOf(list) ?? JSON.stringify(body);

function openaiUsage(u: unknown): Usage | null {
  if (!isRecord(u)) return null;
  const details = isRecord(u["prompt_tokens_details"]) ? u["prompt_tokens_details"] : {};
  const inputDetails = isRecord(u["input_tokens_details"]) ? u["input_tokens_details"] : {};
  return {
    inputTokens: int(u["prompt_tokens"] ?? u["input_tokens"]),
    outputTokens:
      int(u["completion_tokens"] ?? u["output_tokens"]) ?? (u["prompt_tokens"] !== undefined ? 0 : null),
    cachedInputTokens: int(details["cached_tokens"] ?? inputDetails["cached_tokens"]),
  };
}

const openaiChat: Dialect = {
  input: (body) => asInput(body, body["messages"]),
  fromJson(json) {
    const j = isRecord(json) ? json : {};
    const choice = Array.isArray(j["choices"]) && isRecord(j["choices"][0]) ? j["choices"][0] : {};
    const message = isRecord(choice["message"]) ? choice["message"] : null;
    const output: ChatMessage | null = message
      ? {
          role: str(message["role"]) ?? "assistant",
          content: str(message["content"]),
          ...(Array.isArray(message["tool_calls"]) ? { tool_calls: message["tool_calls"] as Json[] } : {}),
        }
      : null;
    return {
      output,
      usage: openaiUsage(j["usage"]),
      model: str(j["model"]),
      finishReason: str(choice["finish_reason"]),
    };
  },
  fromEvents(events) {
    let text = "";
    let model: string | null = null;
    let usage: Usage | null = null;
    let finishReason: string | null = null;
    const tools: { id?: string; type: string; function: { name: string; arguments: string } }[] = [];
    for (const e of events) {
      const j = parse(e.data);
      if (!isRecord(j)) continue;
      model ??= str(j["model"]);
      if (isRecord(j["usage"])) usage = openaiUsage(j["usage"]);
      const choice = Array.isArray(j["choices"]) && isRecord(j["choices"][0]) ? j["choices"][0] : null;
      if (!choice) continue;
      finishReason = str(choice["finish_reason"]) ?? finishReason;
      const delta = isRecord(choice["delta"]) ? choice["delta"] : {};
      if (typeof delta["content"] === "string") text += delta["content"];
      if (Array.isArray(delta["tool_calls"])) {
        for (const t of delta["tool_calls"]) {
          if (!isRecord(t)) continue;
          const index = int(t["index"]) ?? 0;
          const fn = isRecord(t["function"]) ? t["function"] : {};
          tools[index] ??= { type: "function", function: { name: "", arguments: "" } };
          const slot = tools[index];
          if (typeof t["id"] === "string") slot.id = t["id"];
          if (typeof fn["name"] === "string") slot.function.name += fn["name"];
          if (typeof fn["arguments"] === "string") slot.function.arguments += fn["arguments"];
        }
      }
    }
    const output: ChatMessage = {
      role: "assistant",
      content: text.length > 0 || tools.length === 0 ? text : null,
    };
    if (tools.length > 0) output.tool_calls = tools.filter(Boolean);
    return { output, usage, model, finishReason };
  },
  isContent(e) {
    const j = parse(e.data);
    if (!isRecord(j) || !Array.isArray(j["choices"])) return false;
    const delta = isRecord(j["choices"][0]) ? j["choices"][0]["delta"] : null;
    return (
      isRecord(delta) &&
      ((typeof delta["content"] === "string" && delta["content"].length > 0) ||
        Array.isArray(delta["tool_calls"]))
    );
  },
};

function anthropicUsage(u: unknown, base: Usage | null = null): Usage | null {
  if (!isRecord(u)) return base;
  const cached = int(u["cache_read_input_tokens"]) ?? 0;
  const created = int(u["cache_creation_input_tokens"]) ?? 0;
  const input = int(u["input_tokens"]);
  return {
    inputTokens: input !== null ? input + cached + created : (base?.inputTokens ?? null),
    outputTokens: int(u["output_tokens"]) ?? base?.outputTokens ?? null,
    cachedInputTokens: input !== null ? cached : (base?.cachedInputTokens ?? null),
  };
}

function anthropicOutput(blocks: unknown[]): ChatMessage {
  let text = "";
  const tools: Json[] = [];
  for (const b of blocks) {
    if (!isRecord(b)) continue;
    if (b["type"] === "text" && typeof b["text"] === "string") text += b["text"];
    if (b["type"] === "tool_use") {
      const args =
        typeof b["partial_json"] === "string" ? b["partial_json"] : JSON.stringify(b["input"] ?? {});
      tools.push({
        id: str(b["id"]) ?? undefined,
        type: "function",
        function: { name: str(b["name"]) ?? "", arguments: args },
      });
    }
  }
  const out: ChatMessage = {
    role: "assistant",
    content: text.length > 0 || tools.length === 0 ? text : null,
  };
  if (tools.length > 0) out.tool_calls = tools;
  return out;
}

const anthropicMessages: Dialect = {
  input(body) {
    const messages = messagesOf(body["messages"]);
    if (!messages) return JSON.stringify(body);
    const system = body["system"];
    if (typeof system === "string") return [{ role: "system", content: system }, ...messages];
    if (Array.isArray(system))
      return [
        { role: "system", content: messagesOf([{ role: "system", content: system }])?.[0]?.content ?? null },
        ...messages,
      ];
    return messages;
  },
  fromJson(json) {
    const j = isRecord(json) ? json : {};
    return {
      output: anthropicOutput(Array.isArray(j["content"]) ? j["content"] : []),
      usage: anthropicUsage(j["usage"]),
      model: str(j["model"]),
      finishReason: str(j["stop_reason"]),
    };
  },
  fromEvents(events) {
    let model: string | null = null;
    let usage: Usage | null = null;
    let finishReason: string | null = null;
    const blocks: Json[] = [];
    for (const e of events) {
      const j = parse(e.data);
      if (!isRecord(j)) continue;
      const index = int(j["index"]) ?? 0;
      if (j["type"] === "message_start" && isRecord(j["message"])) {
        model = str(j["message"]["model"]);
        usage = anthropicUsage(j["message"]["usage"]);
      } else if (j["type"] === "content_block_start" && isRecord(j["content_block"])) {
        blocks[index] = {
          ...j["content_block"],
          partial_json: j["content_block"]["type"] === "tool_use" ? "" : undefined,
        };
      } else if (j["type"] === "content_block_delta" && isRecord(j["delta"])) {
        blocks[index] ??= { type: "text", text: "" };
        const block = blocks[index];
        if (typeof j["delta"]["text"] === "string")
          block["text"] = String(block["text"] ?? "") + j["delta"]["text"];
        if (typeof j["delta"]["partial_json"] === "string")
          block["partial_json"] = String(block["partial_json"] ?? "") + j["delta"]["partial_json"];
      } else if (j["type"] === "message_delta") {
        if (isRecord(j["delta"])) finishReason = str(j["delta"]["stop_reason"]) ?? finishReason;
        usage = anthropicUsage(j["usage"], usage);
      }
    }
    // Output tokens are only known once `message_delta` arrived; a cut stream keeps them unknown.
    if (usage && finishReason === null) usage = null;
    return { output: anthropicOutput(blocks.filter(Boolean)), usage, model, finishReason };
  },
  isContent: (e) => e.event === "content_block_delta" || e.data.includes('"type":"content_block_delta"'),
};

function responsesFields(r: Json): ResponseFields {
  let text = "";
  const tools: Json[] = [];
  for (const item of Array.isArray(r["output"]) ? r["output"] : []) {
    if (!isRecord(item)) continue;
    if (item["type"] === "message" && Array.isArray(item["content"])) {
      for (const c of item["content"]) if (isRecord(c) && typeof c["text"] === "string") text += c["text"];
    }
    if (item["type"] === "function_call") {
      tools.push({
        id: str(item["call_id"]) ?? undefined,
        type: "function",
        function: { name: str(item["name"]) ?? "", arguments: str(item["arguments"]) ?? "" },
      });
    }
  }
  const output: ChatMessage = {
    role: "assistant",
    content: text.length > 0 || tools.length === 0 ? text : null,
  };
  if (tools.length > 0) output.tool_calls = tools;
  return { output, usage: openaiUsage(r["usage"]), model: str(r["model"]), finishReason: str(r["status"]) };
}

const openaiResponses: Dialect = {
  input(body) {
    const input = body["input"];
    const instructions =
      typeof body["instructions"] === "string" ? [{ role: "system", content: body["instructions"] }] : [];
    if (typeof input === "string")
      return instructions.length > 0 ? [...instructions, { role: "user", content: input }] : input;
    const items = Array.isArray(input)
      ? input.filter((i) => isRecord(i) && typeof i["role"] === "string")
      : null;
    const messages = items ? messagesOf(items) : null;
    return messages ? [...instructions, ...messages] : JSON.stringify(body);
  },
  fromJson: (json) => responsesFields(isRecord(json) ? json : {}),
  fromEvents(events) {
    let text = "";
    let model: string | null = null;
    for (const e of events) {
      const j = parse(e.data);
      if (!isRecord(j)) continue;
      if (isRecord(j["response"])) {
        if (j["type"] === "response.completed" || j["type"] === "response.incomplete")
          return responsesFields(j["response"]);
        model ??= str(j["response"]["model"]);
      }
      if (j["type"] === "response.output_text.delta" && typeof j["delta"] === "string") text += j["delta"];
    }
    return { output: { role: "assistant", content: text }, usage: null, model, finishReason: null };
  },
  isContent: (e) => (e.event ?? "").endsWith(".delta") || /"type":"response\.[a-z_.]*\.delta"/.test(e.data),
};

const embeddings: Dialect = {
  input(body) {
    const input = body["input"];
    if (typeof input === "string") return input;
    if (Array.isArray(input) && input.every((i) => typeof i === "string")) return input.join("\n");
    return JSON.stringify(input ?? null);
  },
  fromJson(json) {
    const j = isRecord(json) ? json : {};
    const usage = openaiUsage(j["usage"]);
    return {
      output: null,
      usage: usage ? { ...usage, outputTokens: 0 } : null,
      model: str(j["model"]),
      finishReason: null,
    };
  },
  fromEvents: () => ({ output: null, usage: null, model: null, finishReason: null }),
  isContent: () => false,
};

export const dialects: Readonly<Record<GatewayPath, Dialect>> = {
  "/v1/chat/completions": openaiChat,
  "/v1/responses": openaiResponses,
  "/v1/embeddings": embeddings,
  "/v1/messages": anthropicMessages,
};
