/**
 * The assertion extension point: a function `(output, context) => { pass, score, reason }`
 * registered by name. Pure assertions live in core; ones that need I/O (embeddings, judges,
 * sandboxed code) are registered by the runner with the same shape.
 */

/** One assertion as written in a suite (promptfoo's shape). */
export interface AssertionSpec {
  type: string;
  value?: unknown;
  threshold?: number;
  weight?: number;
  metric?: string;
  /** Judge / embedding provider override for this assertion. */
  provider?: unknown;
  /** promptfoo's `transform`: a JavaScript expression (or function body) over `output`, applied first. */
  transform?: string;
}

/** What an assertion sees besides the output. */
export interface AssertionContext {
  value: unknown;
  threshold: number | undefined;
  vars: Readonly<Record<string, unknown>>;
  prompt: string;
  latencyMs: number | null;
  costUsd: number | null;
  /** The provider's id, e.g. `openai:chat:gpt-4o-mini`. */
  provider: string;
  /** The assertion's own `provider` (judge / embeddings), if any. */
  assertionProvider?: unknown;
  /** The test's `options` (promptfoo's `options.provider` picks the judge). */
  testOptions?: Readonly<Record<string, unknown>>;
  /**
   * The output as JSON when a transform made it something other than a string (then `output`
   * is that JSON text); code assertions (`javascript`) see the value itself.
   */
  outputJson?: string | undefined;
}

/** The verdict of one assertion. `error` marks a verdict that could not be reached (never a pass). */
export interface AssertionVerdict {
  pass: boolean;
  score: number;
  reason: string;
  error?: string;
}

export type AssertionFn = (
  output: string,
  context: AssertionContext,
) => AssertionVerdict | Promise<AssertionVerdict>;

/**
 * A verdict from a boolean, with the reason for the failing case.
 *
 * @example verdict(true, "ok") // → { pass: true, score: 1, reason: "Assertion passed" }
 */
export function verdict(pass: boolean, failReason: string): AssertionVerdict {
  return { pass, score: pass ? 1 : 0, reason: pass ? "Assertion passed" : failReason };
}

/** A verdict that records an error: it fails and says why. */
export function errorVerdict(message: string): AssertionVerdict {
  return { pass: false, score: 0, reason: message, error: message };
}
