/** Usage with every count known: what a response writer (a test double, a recorder) puts on the wire. */

export interface CountedUsage {
  /** The whole prompt, cache reads included. */
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
}
