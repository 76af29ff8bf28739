/**
 * An embedder over any OpenAI-compatible `POST {baseUrl}/embeddings` endpoint: the embeddings
 * dialect for the wire format, and the eval engine's HTTP client for the request (keep-alive,
 * retries on 429/5xx honouring `retry-after`), so genchi has one of each.
 */
import { openaiEmbeddings, readEmbeddingVectors, writeOpenAIEmbeddingsRequest } from "@genchi/core/dialects";
import { createHttpClient } from "@genchi/eval";
import { GenchiError } from "@genchi/spec";
import type { Embedder } from "./embedder.js";

export interface OpenAiEmbedderOptions {
  /** e.g. `https://api.openai.com/v1` or a local server's `/v1`. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  batchSize?: number;
  /** Retries after the first attempt of each batch (default 2). */
  retries?: number;
}

/**
 * @example openAiEmbedder({ baseUrl: "http://127.0.0.1:8080/v1", model: "text-embedding-3-small" })
 */
export function openAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const url = `${options.baseUrl.replace(/\/+$/, "")}${openaiEmbeddings.path.replace(/^\/v1/, "")}`;
  const batchSize = options.batchSize ?? 256;
  const http = createHttpClient({ retries: options.retries ?? 2 });
  const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
  return {
    id: `openai-compatible/${options.model}`,
    async embed(texts) {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        const input = texts.slice(i, i + batchSize).map((t) => (t === "" ? " " : t));
        let body: Record<string, unknown>;
        try {
          ({ body } = await http.postJson(url, writeOpenAIEmbeddingsRequest(options.model, input), headers));
        } catch (error) {
          throw new GenchiError("GENCHI_UPSTREAM", `embeddings endpoint: ${(error as Error).message}`);
        }
        const vectors = readEmbeddingVectors(body);
        if (vectors.length !== input.length)
          throw new GenchiError(
            "GENCHI_UPSTREAM",
            `embeddings endpoint ${url} returned ${vectors.length} vectors for ${input.length} texts`,
          );
        out.push(...vectors);
      }
      return out;
    },
  };
}
