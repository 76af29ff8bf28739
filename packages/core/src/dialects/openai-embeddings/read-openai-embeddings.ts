/** Reads an embeddings request's texts and a response's vectors, usage and model. */
import type { CallInput } from "@genchi/spec";
import type { ResponseFields } from "../dialect.js";
import { isRecord, type Json, str } from "../wire-values.js";
import { openaiEmbeddingsUsage } from "./openai-embeddings-usage.js";

/**
 * The input as genchi logs it: one text, or the texts joined by newlines (token ids as JSON).
 *
 * @example readOpenAIEmbeddingsRequest({ model: "m", input: ["a", "b"] }) // → "a\nb"
 */
export function readOpenAIEmbeddingsRequest(body: Json): CallInput {
  const input = body["input"];
  if (typeof input === "string") return input;
  if (Array.isArray(input) && input.every((i) => typeof i === "string")) return input.join("\n");
  return JSON.stringify(input ?? null);
}

/** A response's usage and model; embeddings have no output to log. */
export function readOpenAIEmbeddingsResponse(json: unknown): ResponseFields {
  const j = isRecord(json) ? json : {};
  return {
    output: null,
    usage: openaiEmbeddingsUsage(j["usage"]),
    model: str(j["model"]),
    finishReason: null,
  };
}

/**
 * The vectors of a response in input order (by `index`); items without a float vector are left out,
 * so a caller compares the count with its texts.
 *
 * @example readEmbeddingVectors({ data: [{ index: 1, embedding: [0] }, { index: 0, embedding: [1] }] }) // → [[1], [0]]
 */
export function readEmbeddingVectors(json: unknown): number[][] {
  const data = isRecord(json) && Array.isArray(json["data"]) ? json["data"] : [];
  return data
    .filter((d): d is Json => isRecord(d) && Array.isArray(d["embedding"]))
    .map((d, at) => ({
      at: typeof d["index"] === "number" ? d["index"] : at,
      vector: d["embedding"] as number[],
    }))
    .sort((a, b) => a.at - b.at)
    .map((d) => d.vector);
}
