/**
 * Nondeterminism metrics for a test run N times: pass rate, pass^N (all N pass), pass@N (at
 * least one passes), a flaky flag and output consistency (mean pairwise similarity).
 */
import { levenshteinDistance } from "./levenshtein-distance.js";

export interface RepeatMetrics {
  runs: number;
  passes: number;
  passRate: number;
  /** Every run passed. */
  passAll: boolean;
  /** At least one run passed. */
  passAny: boolean;
  /** Some runs passed and some failed. */
  flaky: boolean;
  /** Mean pairwise similarity of the outputs, 0..1 (1: all identical). */
  consistency: number;
}

/**
 * Similarity of two texts: 1 − edit distance / longer length.
 *
 * @example textSimilarity("abc", "abd") // → 0.666…
 */
export function textSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - levenshteinDistance(a, b) / longest;
}

/** Longest text compared in full for consistency; longer outputs are compared on a prefix. */
const maxCompared = 2000;

/**
 * Metrics of one test's N runs.
 *
 * @example repeatMetrics([true, false, true], ["a", "b", "a"]).flaky // → true
 */
export function repeatMetrics(
  passes: readonly boolean[],
  outputs: readonly (string | null)[],
): RepeatMetrics {
  const runs = passes.length;
  const k = passes.filter(Boolean).length;
  const texts = outputs.map((o) => (o ?? "").slice(0, maxCompared));
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      total += textSimilarity(texts[i]!, texts[j]!);
      pairs++;
    }
  }
  return {
    runs,
    passes: k,
    passRate: runs === 0 ? 0 : k / runs,
    passAll: runs > 0 && k === runs,
    passAny: k > 0,
    flaky: k > 0 && k < runs,
    consistency: pairs === 0 ? 1 : total / pairs,
  };
}
