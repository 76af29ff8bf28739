/** Looks a model id up in a price table, tolerating provider prefixes, dated snapshots and `-latest`. */
import { type ModelPrice, priceTable } from "./price-table.js";

const datedSuffix = /-(\d{4}-\d{2}-\d{2}|\d{8})$/;
const latestSuffix = /-latest$/;
const versionSuffix = /(@|-v)\d+(:\d+)?$/;

/**
 * The price of a model, or `null` when genchi does not know it (never a guess).
 *
 * @example findPrice("openai/gpt-4o-mini-2024-07-18") // → { input: 0.15, output: 0.6, cachedInput: 0.075 }
 */
export function findPrice(
  model: string | null | undefined,
  table: Readonly<Record<string, ModelPrice>> = priceTable,
): ModelPrice | null {
  if (!model) return null;
  let id = model.trim().toLowerCase();
  const exact = table[id];
  if (exact) return exact;
  const slash = id.lastIndexOf("/");
  if (slash >= 0) id = id.slice(slash + 1);
  for (const candidate of [
    id,
    id.replace(datedSuffix, ""),
    id.replace(latestSuffix, ""),
    id.replace(versionSuffix, "").replace(datedSuffix, ""),
  ]) {
    const price = table[candidate];
    if (price) return price;
  }
  return null;
}
