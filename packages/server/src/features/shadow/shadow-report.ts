/**
 * The shadow report of a route: each production call paired with its candidate twin, compared
 * on exact match, similarity, JSON validity, length, latency and cost, with a summary; when the
 * route names an eval suite, its shared assertions run on both sides (see shadow-suite.ts).
 */
import { callText } from "@genchi/core";
import type { Call, CallOutput, ShadowPair, ShadowReport } from "@genchi/spec";
import { distance } from "fastest-levenshtein";
import type { Store } from "../../platform/store/store.js";
import { loadShadowSuite, runShadowSuite, suiteLoadFailure } from "./shadow-suite.js";

/** The text of a call's output (message content, or tool-call arguments when there is none). */
export function outputText(output: CallOutput): string {
  if (output === null) return "";
  if (typeof output === "string") return output;
  const content = output.content;
  if (typeof content === "string" && content.length > 0) return content;
  if (Array.isArray(content)) return content.map((p) => p.text ?? "").join("");
  return (output.tool_calls ?? []).map((t) => t.function?.arguments ?? "").join("\n");
}

const isJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return text.trim().length > 0;
  } catch {
    return false;
  }
};

/** 1 − normalised edit distance, 1 for two empty texts. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  return Math.round((1 - distance(a, b) / longest) * 10_000) / 10_000;
}

/** Longest input text a pair carries (the call detail page has the whole of it). */
const inputChars = 2_000;

/** A call's input as one text: a string as is, chat messages one per line as `role: content`. */
function inputText(input: Call["input"]): string {
  const text = typeof input === "string" ? input : input.map((m) => `${m.role}: ${callText([m])}`).join("\n");
  return text.length > inputChars ? `${text.slice(0, inputChars)}…` : text;
}

/** Compares one production call and its shadow. */
export function comparePair(primary: Call, shadow: Call): ShadowPair {
  const p = outputText(primary.output);
  const c = shadow.status === "ok" ? outputText(shadow.output) : "";
  return {
    primaryId: primary.id,
    shadowId: shadow.id,
    input: inputText(primary.input),
    primaryModel: primary.model,
    candidateModel: shadow.model,
    primaryOutput: p,
    candidateOutput: c,
    candidateError: shadow.status === "error" ? (shadow.error ?? "error") : null,
    exactMatch: shadow.status === "ok" && p === c,
    similarity: shadow.status === "ok" ? similarity(p, c) : 0,
    primaryJsonValid: isJson(p),
    candidateJsonValid: shadow.status === "ok" && isJson(c),
    primaryLength: p.length,
    candidateLength: c.length,
    primaryLatencyMs: primary.latencyMs,
    candidateLatencyMs: shadow.latencyMs,
    primaryCostUsd: primary.costUsd,
    candidateCostUsd: shadow.costUsd,
  };
}

const mean = (xs: number[]): number | null =>
  xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10_000) / 10_000;
const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Builds the report from compared pairs. */
export function summarizePairs(route: string, pairs: ShadowPair[]): ShadowReport {
  const ok = pairs.filter((p) => p.candidateError === null);
  const rate = (xs: ShadowPair[], f: (p: ShadowPair) => boolean) =>
    xs.length === 0 ? null : xs.filter(f).length / xs.length;
  const nums = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
  return {
    route,
    pairs,
    summary: {
      pairs: pairs.length,
      candidateErrors: pairs.length - ok.length,
      exactMatchRate: rate(pairs, (p) => p.exactMatch),
      meanSimilarity: mean(pairs.map((p) => p.similarity)),
      primaryJsonValidRate: rate(pairs, (p) => p.primaryJsonValid),
      candidateJsonValidRate: rate(pairs, (p) => p.candidateJsonValid),
      meanPrimaryLength: mean(pairs.map((p) => p.primaryLength)),
      meanCandidateLength: mean(ok.map((p) => p.candidateLength)),
      p50PrimaryLatencyMs: median(nums(pairs.map((p) => p.primaryLatencyMs))),
      p50CandidateLatencyMs: median(nums(ok.map((p) => p.candidateLatencyMs))),
      totalPrimaryCostUsd: nums(pairs.map((p) => p.primaryCostUsd)).reduce((a, b) => a + b, 0),
      totalCandidateCostUsd: nums(pairs.map((p) => p.candidateCostUsd)).reduce((a, b) => a + b, 0),
    },
    suite: null,
  };
}

export interface ShadowReportOptions {
  /** Most recent calls of the route to read (default 5,000). */
  scan?: number;
  /** The route's eval suite (a YAML path), run on both sides of each pair. */
  suite?: string | null;
}

/**
 * Reads the route's recent calls (newest first, at most `scan`), pairs each shadow with its primary.
 *
 * @example const report = await shadowReport(store, projectId, "categorize", { suite: "evals/categorize.yaml" })
 */
export async function shadowReport(
  store: Store,
  projectId: string,
  route: string,
  options: ShadowReportOptions = {},
): Promise<ShadowReport> {
  const scan = options.scan ?? 5_000;
  const byId = new Map<string, Call>();
  const shadows: Call[] = [];
  let cursor: string | undefined;
  let seen = 0;
  do {
    const page = await store.listCalls(projectId, { limit: 1000, route, ...(cursor ? { cursor } : {}) });
    for (const call of page.data) {
      if (call.shadowOf) shadows.push(call);
      else byId.set(call.id, call);
    }
    seen += page.data.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && seen < scan);
  const pairs: ShadowPair[] = [];
  const paired = new Map<string, Call>();
  for (const shadow of shadows) {
    const primary = byId.get(shadow.shadowOf!) ?? (await store.getCall(projectId, shadow.shadowOf!));
    if (!primary) continue;
    pairs.push(comparePair(primary, shadow));
    paired.set(primary.id, primary);
    paired.set(shadow.id, shadow);
  }
  const report = summarizePairs(route, pairs);
  if (options.suite) {
    try {
      report.suite = await runShadowSuite(loadShadowSuite(options.suite), pairs, paired);
    } catch (error) {
      report.suite = suiteLoadFailure(options.suite, error);
    }
  }
  return report;
}
