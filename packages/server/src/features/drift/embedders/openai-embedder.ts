/** An embedder over any OpenAI-compatible `POST {baseUrl}/embeddings` endpoint. */
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
  const url = `${options.baseUrl.replace(/\/+$/, "")}/embeddings`;
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
            body: JSON.stringify({ model: options.model, input }),
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
        const body = (await response.json()) as { data?: { index?: number; embedding?: number[] }[] };
        const data = [...(body.data ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
        if (data.length !== input.length || data.some((d) => !Array.isArray(d.embedding)))
          throw new GenchiError(
            "GENCHI_UPSTREAM",
            `embeddings endpoint ${url} returned ${data.length} vectors for ${input.length} texts`,
          );
        for (const d of data) out.push(d.embedding as number[]);
      }
      return out;
    },
  };
}
