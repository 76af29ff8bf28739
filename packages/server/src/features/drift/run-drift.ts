/**
 * Builds a DriftReport from two lists of calls: structural findings on the input and output
 * side (each with its p-value, Holm-adjusted, and its effect size against a floor), the
 * descriptors skipped as not applying to a side, and (with an embedder) semantic drift on seeded
 * samples of the inputs. Progress is reported through a hook; printing lives in the CLI.
 */
import {
  outputText,
  sampleIndices,
  semanticDefaults,
  semanticDrift,
  structuralDrift,
  userText,
} from "@genchi/core/drift";
import type { DriftCluster, DriftReport, SemanticDrift } from "@genchi/spec";
import type { Embedder } from "./embedders/embedder.js";
import type { DriftRecord } from "./read-drift-file.js";

export type DriftPhase = "descriptors" | "embeddings" | "clusters";

export interface RunDriftOptions {
  /** Semantic drift needs an embedder; without one the report has descriptors only. */
  embedder?: Embedder | undefined;
  seed?: number;
  /** Texts sampled per side for semantic drift (default 2,000). */
  sample?: number;
  onProgress?: ((phase: DriftPhase, done: number, total: number) => void) | undefined;
}

/**
 * @example const report = await runDrift(readDriftFile("tests.jsonl"), readDriftFile("prod.jsonl"), { embedder })
 */
export async function runDrift(
  baseline: readonly DriftRecord[],
  current: readonly DriftRecord[],
  options: RunDriftOptions = {},
): Promise<DriftReport> {
  const seed = options.seed ?? 1;
  const inputs = {
    baseline: baseline.map((r) => userText(r.input)),
    current: current.map((r) => userText(r.input)),
  };
  const outputs = {
    baseline: baseline.map((r) => outputText(r.output)),
    current: current.map((r) => outputText(r.output)),
  };
  // A baseline of inputs only (a dataset without expected outputs) says nothing about outputs.
  const withOutputs =
    baseline.some((r) => r.output !== undefined) && current.some((r) => r.output !== undefined);
  const { findings, skipped, correction } = structuralDrift(
    [{ side: "input", ...inputs }, ...(withOutputs ? [{ side: "output" as const, ...outputs }] : [])],
    { seed, onProgress: (done, total) => options.onProgress?.("descriptors", done, total) },
  );
  let semantic: SemanticDrift | null = null;
  let clusters: DriftCluster[] = [];
  if (options.embedder) {
    const limit = options.sample ?? semanticDefaults.samplePerSide;
    const pick = (texts: string[], salt: number) =>
      sampleIndices(texts.length, limit, seed + salt).map((i) => texts[i] as string);
    const b = pick(inputs.baseline, 11);
    const c = pick(inputs.current, 12);
    const all = [...b, ...c];
    const vectors: number[][] = [];
    const step = 256;
    for (let i = 0; i < all.length; i += step) {
      options.onProgress?.("embeddings", i, all.length);
      vectors.push(...(await options.embedder.embed(all.slice(i, i + step))));
    }
    options.onProgress?.("embeddings", all.length, all.length);
    options.onProgress?.("clusters", 0, 1);
    const result = semanticDrift({
      side: "input",
      embedder: options.embedder.id,
      baseline: { texts: b, vectors: vectors.slice(0, b.length) },
      current: { texts: c, vectors: vectors.slice(b.length) },
      seed,
    });
    options.onProgress?.("clusters", 1, 1);
    semantic = result.semantic;
    clusters = result.clusters.sort((x, y) => y.driftRatio - x.driftRatio);
  }
  return {
    drifted:
      findings.some((f) => f.drifted) || semantic?.drifted === true || clusters.some((c) => c.uncovered),
    baselineCount: baseline.length,
    currentCount: current.length,
    findings,
    clusters,
    semantic,
    skipped,
    correction,
  };
}
