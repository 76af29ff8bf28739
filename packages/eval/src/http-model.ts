/**
 * A `ModelV1` over HTTP: a wire dialect (`@genchi/core/dialects`) writes the body and reads the
 * answer; the eval's `HttpClient` (cache, retries) carries it. Nothing here knows a vendor.
 */
import type { Dialect } from "@genchi/core/dialects";
import type { ModelCompletion, ModelRequest, ModelStreamPart, ModelV1 } from "@genchi/spec";
import { GenchiError } from "@genchi/spec/errors";
import type { HttpClient } from "./http-client.js";

export interface HttpModelOptions {
  /** Who serves it, for labels: `openai`, `anthropic`, `genchi`. */
  provider: string;
  modelId: string;
  dialect: Dialect;
  /** Base URL including `/v1`; the dialect's path below `/v1` is appended. */
  baseUrl: string;
  headers: Record<string, string>;
  http: HttpClient;
}

/** The text of an answer: the message's text, else its tool calls as JSON (what evals assert on). */
function textOf(message: ModelCompletion["message"]): string {
  return typeof message.content === "string" ? message.content : JSON.stringify(message.tool_calls ?? "");
}

/**
 * @example httpModel({ provider: "openai", modelId: "gpt-4o-mini", dialect: openaiChat, baseUrl, headers, http })
 */
export function httpModel(options: HttpModelOptions): ModelV1 {
  const { dialect, http, headers } = options;
  const url = `${options.baseUrl}${dialect.path.replace(/^\/v1/, "")}`;
  const model: ModelV1 = {
    specificationVersion: "v1",
    provider: options.provider,
    modelId: options.modelId,
    capabilities: dialect.capabilities,
    async complete(request, callOptions) {
      const cache = callOptions?.cache;
      const r = await http.postJson(
        url,
        dialect.writeRequest(request),
        headers,
        cache === undefined ? {} : { cache },
      );
      const read = dialect.readResponse(r.body);
      const message =
        read.output !== null && typeof read.output === "object"
          ? read.output
          : { role: "assistant", content: typeof read.output === "string" ? read.output : null };
      return {
        message,
        text: textOf(message),
        usage: read.usage,
        model: read.model,
        finishReason: dialect.finishReason(read.finishReason),
        rawFinishReason: read.finishReason,
        latencyMs: r.latencyMs,
        cached: r.cached,
      };
    },
    stream: (request, callOptions) => completeAsStream(model, request, callOptions),
  };
  return model;
}

/**
 * Evals read whole answers (they are cached whole), so a stream is the completed answer as parts.
 */
async function* completeAsStream(
  model: ModelV1,
  request: ModelRequest,
  callOptions: Parameters<ModelV1["complete"]>[1],
): AsyncGenerator<ModelStreamPart> {
  if (!model.capabilities.streaming)
    throw new GenchiError("GENCHI_BAD_CONFIG", `${model.provider}:${model.modelId} cannot stream`);
  const response = await model.complete(request, callOptions);
  if (response.text.length > 0) yield { type: "text-delta", text: response.text };
  yield { type: "finish", response };
}
