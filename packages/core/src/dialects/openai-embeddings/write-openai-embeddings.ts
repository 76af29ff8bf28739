/** Writes an embeddings request body. */
import type { ModelRequest } from "@genchi/spec";
import { contentText } from "../wire-values.js";

/**
 * @example writeOpenAIEmbeddingsRequest("text-embedding-3-small", ["a", "b"]) // → { model: "text-embedding-3-small", input: ["a", "b"] }
 */
export function writeOpenAIEmbeddingsRequest(
  model: string,
  texts: readonly string[],
): Record<string, unknown> {
  return { model, input: [...texts] };
}

/** A model request as an embeddings body: each message's text is one input. */
export function writeOpenAIEmbeddingsModelRequest(request: ModelRequest): Record<string, unknown> {
  return {
    ...writeOpenAIEmbeddingsRequest(
      request.model,
      request.messages.map((m) => contentText(m.content)),
    ),
    ...request.extra,
  };
}
