/** What a requirement is evaluated over: one route's calls, feedback and check results in a window. */
import type { Call, Feedback } from "@genchi/spec";

/** One online check's result on one call. */
export interface CheckResult {
  callId: string;
  checkId: string;
  verdict: "pass" | "fail" | "error";
  score?: number | undefined;
}

/** The data of one window. Only `calls` and `windowMs` are required. */
export interface WindowData {
  /** The window's length in ms (used to scale cost to a day). */
  windowMs: number;
  calls: readonly Pick<Call, "id" | "status" | "latencyMs" | "ttftMs" | "costUsd" | "tags" | "metadata">[];
  feedback?: readonly Pick<Feedback, "callId" | "kind" | "label">[] | undefined;
  /** Harmlessness check results (offline lexicon or judge). */
  harmlessness?: readonly CheckResult[] | undefined;
  /** Grounding (factual consistency with the context) check results. */
  grounding?: readonly CheckResult[] | undefined;
}
