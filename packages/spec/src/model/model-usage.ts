/** Token counts of one model call (genchi's `Usage`: the whole prompt, cache reads included). */
import type { Usage } from "../call.js";

/**
 * The same shape a Call logs: `inputTokens` is the whole prompt, `cachedInputTokens` the part
 * read from a cache; a count the provider did not report is `null`.
 */
export type ModelUsage = Usage;
