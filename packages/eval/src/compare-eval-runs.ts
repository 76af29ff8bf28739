/**
 * `genchi eval compare A B`: pairs the results of two runs by test (its index and description,
 * or its vars for files without indexes; and provider when both runs
 * have the same providers), lists the flips each way, McNemar's test on the pairs, score, metric,
 * latency and cost deltas, and a gate on the pass-rate drop.
 */
import { readFileSync } from "node:fs";
import { type McNemarResult, mcnemar, percentile } from "@genchi/core/eval";
import { type EvalResult, evalResultsFileSchema, GenchiError } from "@genchi/spec";

export interface Flip {
  description: string;
  provider: string;
  repeat: number;
  before: string | null;
  after: string | null;
}

export interface EvalComparison {
  pairs: number;
  passRateA: number;
  passRateB: number;
  passRateDelta: number;
  regressions: Flip[];
  improvements: Flip[];
  mcnemar: McNemarResult;
  scoreDelta: number;
  metricDeltas: Record<string, number>;
  latencyP50Delta: number | null;
  costPer1kDelta: number | null;
  unpairedA: number;
  unpairedB: number;
  /** Pass-rate drop allowed, in percentage points. */
  threshold: number;
  gate: "pass" | "fail";
}

/**
 * Reads a results file written by `genchi eval --output` (or promptfoo-shaped `results` list).
 *
 * @example readEvalResults("before.json").length
 */
export function readEvalResults(path: string): EvalResult[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new GenchiError(
      "GENCHI_BAD_CONFIG",
      `${path}: cannot read results (${(error as Error).message}) — pass a file written by genchi eval --output`,
    );
  }
  const parsed = evalResultsFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new GenchiError(
      "GENCHI_BAD_CONFIG",
      `${path}: not an eval results file (${parsed.error.issues[0]?.message}) — pass a file written by genchi eval --output`,
    );
  }
  return parsed.data.results;
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

function meanMetrics(rs: EvalResult[]): Record<string, number> {
  const sums: Record<string, number[]> = {};
  for (const r of rs)
    for (const [k, v] of Object.entries(r.namedScores ?? {})) {
      const list = sums[k] ?? [];
      list.push(v);
      sums[k] = list;
    }
  return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, mean(v)]));
}

/**
 * Compares run A (before) with run B (after).
 *
 * @example compareEvalRuns(readEvalResults("a.json"), readEvalResults("b.json"), 2).gate
 */
export function compareEvalRuns(a: EvalResult[], b: EvalResult[], threshold = 0): EvalComparison {
  const provA = new Set(a.map((r) => r.provider));
  const provB = new Set(b.map((r) => r.provider));
  const sameProviders = provA.size === provB.size && [...provA].every((p) => provB.has(p));
  const key = (r: EvalResult) =>
    JSON.stringify([
      r.testIndex ?? null,
      r.description,
      r.testIndex === undefined ? r.vars : null,
      r.prompt ?? "",
      r.repeat ?? 0,
      sameProviders ? r.provider : "",
    ]);
  const byKey = new Map(b.map((r) => [key(r), r]));
  const regressions: Flip[] = [];
  const improvements: Flip[] = [];
  const pairedA: EvalResult[] = [];
  const pairedB: EvalResult[] = [];
  // Flips are listed in test order (results arrive in the order their calls finished).
  const inTestOrder = [...a].sort(
    (x, y) =>
      (x.testIndex ?? Number.POSITIVE_INFINITY) - (y.testIndex ?? Number.POSITIVE_INFINITY) ||
      (x.repeat ?? 0) - (y.repeat ?? 0) ||
      x.provider.localeCompare(y.provider),
  );
  for (const ra of inTestOrder) {
    const rb = byKey.get(key(ra));
    if (!rb) continue;
    byKey.delete(key(ra));
    pairedA.push(ra);
    pairedB.push(rb);
    const flip = {
      description: ra.description,
      provider: rb.provider,
      repeat: ra.repeat ?? 0,
      before: ra.output,
      after: rb.output,
    };
    if (ra.pass && !rb.pass) regressions.push(flip);
    if (!ra.pass && rb.pass) improvements.push(flip);
  }
  const rate = (rs: EvalResult[]) => (rs.length === 0 ? 0 : rs.filter((r) => r.pass).length / rs.length);
  const passRateA = rate(pairedA);
  const passRateB = rate(pairedB);
  const lat = (rs: EvalResult[]) =>
    percentile(
      rs.flatMap((r) => (typeof r.latencyMs === "number" ? [r.latencyMs] : [])),
      50,
    );
  const la = lat(pairedA);
  const lb = lat(pairedB);
  const cost = (rs: EvalResult[]) => {
    const known = rs.flatMap((r) => (typeof r.costUsd === "number" ? [r.costUsd] : []));
    return known.length === 0 ? null : mean(known) * 1000;
  };
  const ca = cost(pairedA);
  const cb = cost(pairedB);
  const ma = meanMetrics(pairedA);
  const mb = meanMetrics(pairedB);
  const metricDeltas = Object.fromEntries(
    Object.keys({ ...ma, ...mb }).map((k) => [k, (mb[k] ?? 0) - (ma[k] ?? 0)]),
  );
  const passRateDelta = passRateB - passRateA;
  return {
    pairs: pairedA.length,
    passRateA,
    passRateB,
    passRateDelta,
    regressions,
    improvements,
    mcnemar: mcnemar(regressions.length, improvements.length),
    scoreDelta: mean(pairedB.map((r) => r.score)) - mean(pairedA.map((r) => r.score)),
    metricDeltas,
    latencyP50Delta: la === null || lb === null ? null : lb - la,
    costPer1kDelta: ca === null || cb === null ? null : cb - ca,
    unpairedA: a.length - pairedA.length,
    unpairedB: byKey.size,
    threshold,
    gate: -passRateDelta * 100 > threshold + 1e-9 ? "fail" : "pass",
  };
}
