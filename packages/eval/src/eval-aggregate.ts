/**
 * Running totals of an eval as results stream by: stats, per-provider quality × latency × cost,
 * repeat metrics per test (outputs kept only until a test's repeats are complete) and the
 * failing tests (the first `keptFailures` by test order, one failing result each), so memory
 * stays flat however many tests run.
 */
import {
  type ProviderSummary,
  paretoFront,
  percentile,
  type RepeatMetrics,
  repeatMetrics,
} from "@genchi/core/eval";
import type { EvalResult, EvalStats } from "@genchi/spec";

export interface RepeatRow extends RepeatMetrics {
  testIndex: number;
  description: string;
  provider: string;
  prompt: string;
}

/** A test × provider × prompt that did not pass every run, with one of its failing results. */
export interface FailureRow {
  testIndex: number;
  description: string;
  provider: string;
  prompt: string;
  /** Runs of the test (its repeats) and how many passed: 0 of N failed every run, more is flaky. */
  runs: number;
  passes: number;
  /** The first failing result that arrived. */
  example: EvalResult;
}

/** How many failure rows are kept (the lowest test indices). */
export const keptFailures = 100;

interface Pending {
  passes: boolean[];
  outputs: (string | null)[];
  firstFailure: EvalResult | null;
}

const byTestOrder = (a: FailureRow, b: FailureRow) =>
  a.testIndex - b.testIndex ||
  (a.prompt < b.prompt ? -1 : a.prompt > b.prompt ? 1 : 0) ||
  (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0);

/** Tracks totals; call `add` for every result, then `finish`. */
export class EvalAggregate {
  readonly stats: EvalStats = { passed: 0, failed: 0, errors: 0 };
  private readonly byProvider = new Map<
    string,
    { n: number; pass: number; latencies: number[]; cost: number; costKnown: number }
  >();
  private readonly pending = new Map<string, Pending>();
  readonly repeatRows: RepeatRow[] = [];
  private failureRows: FailureRow[] = [];
  /** Test × provider × prompt groups that did not pass every run (all of them, not just those kept). */
  failureCount = 0;

  /** @param repeatsOf how many times test i runs */
  constructor(readonly repeatsOf: (testIndex: number) => number) {}

  /** @example aggregate.add(result) */
  add(r: EvalResult): void {
    if (r.error !== null) this.stats.errors++;
    else if (r.pass) this.stats.passed++;
    else this.stats.failed++;
    let p = this.byProvider.get(r.provider);
    if (!p) {
      p = { n: 0, pass: 0, latencies: [], cost: 0, costKnown: 0 };
      this.byProvider.set(r.provider, p);
    }
    p.n++;
    if (r.pass) p.pass++;
    if (typeof r.latencyMs === "number" && !r.cached) p.latencies.push(r.latencyMs);
    if (typeof r.costUsd === "number") {
      p.cost += r.costUsd;
      p.costKnown++;
    }
    const repeats = this.repeatsOf(r.testIndex ?? 0);
    if (repeats <= 1) {
      if (!r.pass) this.addFailure(r, 1, 0, r);
      return;
    }
    const key = `${r.testIndex}\u0000${r.provider}\u0000${r.prompt ?? ""}`;
    let pend = this.pending.get(key);
    if (!pend) {
      pend = { passes: [], outputs: [], firstFailure: null };
      this.pending.set(key, pend);
    }
    pend.passes.push(r.pass);
    pend.outputs.push(r.output);
    if (!r.pass) pend.firstFailure ??= r;
    if (pend.passes.length >= repeats) {
      this.pending.delete(key);
      const metrics = repeatMetrics(pend.passes, pend.outputs);
      this.repeatRows.push({
        testIndex: r.testIndex ?? 0,
        description: r.description,
        provider: r.provider,
        prompt: r.prompt ?? "",
        ...metrics,
      });
      if (pend.firstFailure) this.addFailure(r, metrics.runs, metrics.passes, pend.firstFailure);
    }
  }

  private addFailure(r: EvalResult, runs: number, passes: number, example: EvalResult): void {
    this.failureCount++;
    const { description, provider } = r;
    this.failureRows.push({
      testIndex: r.testIndex ?? 0,
      description,
      provider,
      prompt: r.prompt ?? "",
      runs,
      passes,
      example,
    });
    if (this.failureRows.length >= 2 * keptFailures) this.failureRows = this.failures();
  }

  /** The failing tests kept (up to `keptFailures`, lowest test index first), in test order. */
  failures(): FailureRow[] {
    return this.failureRows.sort(byTestOrder).slice(0, keptFailures);
  }

  /** Per-provider summaries with the Pareto front marked. */
  providers(): ProviderSummary[] {
    const rows: ProviderSummary[] = [...this.byProvider.entries()].map(([provider, p]) => ({
      provider,
      tests: p.n,
      passRate: p.n === 0 ? 0 : p.pass / p.n,
      latencyP50: percentile(p.latencies, 50),
      latencyP95: percentile(p.latencies, 95),
      costPer1k: p.costKnown === 0 ? null : (p.cost / p.costKnown) * 1000,
    }));
    return paretoFront(rows);
  }

  /** Repeat metrics, flaky tests first, then by pass rate. */
  repeats(): RepeatRow[] {
    return [...this.repeatRows].sort(
      (a, b) => Number(b.flaky) - Number(a.flaky) || a.passRate - b.passRate || a.testIndex - b.testIndex,
    );
  }
}
