/**
 * Eval providers over HTTP: each is a `ModelV1` (a wire dialect over the eval's HTTP client)
 * seen the way the runner asks it, `{ id, complete(prompt) }`. Which vendor is which lives in
 * `provider-kinds.ts`, as data.
 */

import { openaiEmbeddings, readEmbeddingVectors, writeOpenAIEmbeddingsRequest } from "@genchi/core/dialects";
import { computeCost } from "@genchi/core/eval";
import type { ChatMessage, ModelV1 } from "@genchi/spec";
import { GenchiError } from "@genchi/spec/errors";
import type { ProviderSpec } from "./eval-suite.js";
import type { HttpClient, RequestOptions } from "./http-client.js";
import { httpModel } from "./http-model.js";
import { providerKinds } from "./provider-kinds.js";

export { openAiBaseUrl } from "./provider-kinds.js";

export interface Completion {
  output: string;
  latencyMs: number;
  costUsd: number | null;
  cached: boolean;
}

export interface EvalProvider {
  id: string;
  label: string;
  /** The model behind it. */
  model: ModelV1;
  /** `{ cache: false }`: ask upstream even when the cache holds the answer (repeats). */
  complete(prompt: string, options?: RequestOptions): Promise<Completion>;
}

/** A rendered prompt as chat messages: a JSON list of `{role, content}` is used as is. */
function messagesOf(prompt: string): ChatMessage[] {
  const t = prompt.trimStart();
  if (t.startsWith("[")) {
    try {
      const v = JSON.parse(t) as unknown;
      if (Array.isArray(v) && v.every((m) => typeof m === "object" && m !== null && "role" in m))
        return v as ChatMessage[];
    } catch {
      // plain text that happens to start with "["
    }
  }
  return [{ role: "user", content: prompt }];
}

/**
 * Builds the provider for a spec. The config's fields other than `apiBaseUrl`/`apiKey` go in
 * the body as they are, where the dialect takes extra fields.
 *
 * @example createProvider({ id: "openai:chat:gpt-4o-mini", label: "mini", config: { apiBaseUrl: url } }, http)
 */
export function createProvider(
  spec: ProviderSpec,
  http: HttpClient,
  env: NodeJS.ProcessEnv = process.env,
): EvalProvider {
  const [vendor = "", ...rest] = spec.id.split(":");
  const kind = providerKinds[vendor];
  if (!kind) throw new GenchiError("GENCHI_BAD_CONFIG", `unknown provider ${spec.id}`);
  const modelId = kind.modelOf(rest);
  const { apiBaseUrl: _b, apiKey: _k, ...params } = spec.config;
  const model = httpModel({
    provider: vendor,
    modelId,
    dialect: kind.dialect,
    baseUrl: kind.baseUrl(spec, env),
    headers: kind.headers(spec, env),
    http,
  });
  return {
    id: spec.id,
    label: spec.label,
    model,
    async complete(prompt, options) {
      const answer = await model.complete(
        {
          model: modelId,
          messages: messagesOf(prompt),
          maxOutputTokens: params.max_tokens,
          temperature: params.temperature,
          extra: params,
        },
        options,
      );
      const costUsd = computeCost(modelId, {
        inputTokens: answer.usage?.inputTokens ?? 0,
        outputTokens: answer.usage?.outputTokens ?? 0,
      });
      return { output: answer.text, latencyMs: answer.latencyMs, costUsd, cached: answer.cached };
    },
  };
}

/**
 * Embeds texts through an OpenAI-compatible `/v1/embeddings`.
 *
 * @example await embed(http, "http://127.0.0.1:4000/v1", "text-embedding-3-small", ["a", "b"])
 */
export async function embed(
  http: HttpClient,
  baseUrl: string,
  model: string,
  texts: string[],
  apiKey = "",
): Promise<number[][]> {
  const r = await http.postJson(
    `${baseUrl.replace(/\/+$/, "")}${openaiEmbeddings.path.replace(/^\/v1/, "")}`,
    writeOpenAIEmbeddingsRequest(model, texts),
    { authorization: `Bearer ${apiKey}` },
  );
  return readEmbeddingVectors(r.body);
}
