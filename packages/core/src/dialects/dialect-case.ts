/**
 * What one dialect's recorded fixtures must read as, for the shared suite
 * (`dialect.case.test.ts`) every dialect runs: expected answers are computed by hand from the
 * fixture files next to them.
 */
import type { CallInput, FinishReason, ModelRequest } from "@genchi/spec";
import type { Dialect, ResponseFields } from "./dialect.js";

/** A zod-like schema: the suite only parses with it. */
export interface WireSchema {
  safeParse(value: unknown): { success: boolean; error?: unknown };
}

export interface DialectCase {
  dialect: Dialect;
  /** Its `__fixtures__` folder, as a URL (`new URL("./", import.meta.url)` in the cases file). */
  fixtures: URL;
  /** JSON responses: file name → what `readResponse` gives and the mapped finish reason. */
  responses: { file: string; schema: WireSchema; fields: ResponseFields; finish: FinishReason }[];
  /** Recorded streams: what `foldStream` gives, and how many events carry output (TTFT). */
  streams: { file: string; schema?: WireSchema; fields: ResponseFields; contentEvents: number }[];
  /** Request bodies and the input genchi logs for them. */
  requests: { body: Record<string, unknown>; schema?: WireSchema; input: CallInput }[];
  /** Model requests and the body the dialect writes. */
  writes: { request: ModelRequest; body: Record<string, unknown> }[];
}
