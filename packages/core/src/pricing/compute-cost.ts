/** Cost of a call in USD from its usage and the price table. */
import type { Usage } from "@genchi/spec";
import { findPrice } from "./find-price.js";
import type { ModelPrice } from "./price-table.js";

/**
 * USD cost of a call, or `null` when the model's price or the token counts are unknown.
 * Cached input tokens are part of `inputTokens` and are billed at the cached price.
 *
 * @example computeCost("gpt-4o-mini", { inputTokens: 1000, outputTokens: 200 }) // → 0.00027
 */
export function computeCost(
  model: string | null | undefined,
  usage: Usage | null | undefined,
  table?: Readonly<Record<string, ModelPrice>>,
): number | null {
  const price = findPrice(model, table);
  if (!price || !usage || usage.inputTokens == null || usage.outputTokens == null) return null;
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const cachedPrice = price.cachedInput ?? price.input;
  const usd =
    ((usage.inputTokens - cached) * price.input + cached * cachedPrice + usage.outputTokens * price.output) /
    1_000_000;
  return Math.round(usd * 1e10) / 1e10;
}
