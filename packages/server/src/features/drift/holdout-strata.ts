/**
 * Strata for a holdout refresh. Semantic: clusters of the texts' embeddings (the same
 * projection and silhouette-chosen k-means as semantic drift), named by distinctive words.
 * Structural (no embedder, or it failed): a cheap key of JSON type, casing, length and typos.
 */
import {
  casing,
  clusterEmbeddings,
  distinctiveTerms,
  jsonShape,
  principalComponents,
  semanticDefaults,
  typoRate,
  unitVector,
  wordCount,
} from "@genchi/core/drift";
import type { Embedder } from "./embedders/embedder.js";

/**
 * @example structuralKey("wher is my parcel") // → "text/lower/short/typos"
 */
export function structuralKey(text: string): string {
  const shape = jsonShape(text);
  const kind = shape.valid ? `json-${shape.type}` : "text";
  const words = wordCount(text);
  const length = words <= 8 ? "short" : words <= 40 ? "medium" : "long";
  const typos = kind === "text" && typoRate(text) > 0.1 ? "typos" : "clean";
  return `${kind}/${casing(text)}/${length}/${typos}`;
}

/**
 * One stratum name per text: `topic 2: solar, panel, inverter`.
 *
 * @example await semanticStrata(texts, energeticEmbedder(), 1)
 */
export async function semanticStrata(
  texts: readonly string[],
  embedder: Embedder,
  seed: number,
): Promise<string[]> {
  const vectors: number[][] = [];
  for (let i = 0; i < texts.length; i += 256)
    vectors.push(...(await embedder.embed(texts.slice(i, i + 256))));
  const reduced = principalComponents(vectors.map(unitVector), semanticDefaults.components, seed);
  const { labels } = clusterEmbeddings(reduced, { seed });
  const terms = distinctiveTerms(texts, labels, 3);
  return labels.map((l) => `topic ${l + 1}: ${(terms[l] ?? []).join(", ")}`);
}
