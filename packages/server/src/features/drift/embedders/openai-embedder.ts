/** An embedder over any OpenAI-compatible `POST {baseUrl}/embeddings` endpoint (the embeddings dialect). */
import { openaiEmbeddings, readEmbeddingVectors, writeOpenAIEmbeddingsRequest } from "@genchi/core/dialects";
import { GenchiError } from "@genchi/spec";
import type { Embedder } from "./embedder.js";

export interface OpenAiEmbedderOptions {
  /** e.g. `https://api.openai.com/v1` or a local server's `/v1`. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  batchSize?: number;
}

/**
 * @example openAiEmbedder({ baseUrl: "http://127.0.0.1:8080/v1", model: "text-embedding-3-small" })
 */
export function openAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const url = `${options.baseUrl.replace(/\/+$/, "")}${openaiEmbeddings.path.replace(/^\/v1/, "")}`;
  const batchSize = options.batchSize ?? 256;
  return {
    id: `openai-compatible/${options.model}`,
    async embed(texts) {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        const input = texts.slice(i, i + batchSize).map((t) => (t === "" ? " " : t));
        let response: Response;
        try {
          response = await fetch(url, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
            },
            body: JSON.stringify(writeOpenAIEmbeddingsRequest(options.model, input)),
          });
        } catch (error) {
          throw new GenchiError(
            "GENCHI_UPSTREAM",
            `embeddings endpoint ${url} unreachable: ${String(error)}`,
          );
        }
        if (!response.ok)
          throw new GenchiError(
            "GENCHI_UPSTREAM",
            `embeddings endpoint ${url} answered ${response.status}: ${(await response.text()).slice(0, 200)}`,
          );
        const vectors = readEmbeddingVectors(await response.json());
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
