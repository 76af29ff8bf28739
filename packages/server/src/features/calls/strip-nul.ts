/**
 * NUL characters (U+0000) taken out of everything a client sends: PostgreSQL cannot store
 * them in text (and SQLite would keep them), so both backends store the same call, and one
 * item with a NUL never fails the batch it came in.
 */

/** Deeper than this, values are left as they are (request bodies are depth-checked at the edge). */
const maxDepth = 256;

function clean(value: unknown, depth: number, found: { any: boolean }): unknown {
  if (typeof value === "string") {
    if (!value.includes("\u0000")) return value;
    found.any = true;
    return value.replaceAll("\u0000", "");
  }
  if (typeof value !== "object" || value === null || depth >= maxDepth) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const cleaned = clean(item, depth + 1, found);
      if (cleaned !== item) {
        copy ??= value.slice();
        copy[i] = cleaned;
      }
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | null = null;
  for (const [key, item] of Object.entries(value)) {
    const cleanKey = key.includes("\u0000") ? key.replaceAll("\u0000", "") : key;
    const cleaned = clean(item, depth + 1, found);
    if (cleaned !== item || cleanKey !== key) {
      found.any = true;
      copy ??= { ...(value as Record<string, unknown>) };
      if (cleanKey !== key) delete copy[key];
      copy[cleanKey] = cleaned;
    }
  }
  return copy ?? value;
}

/**
 * The object with NULs removed from every string and key, and the top-level fields that had
 * any (for a warning); unchanged parts are not copied.
 *
 * @example withoutNul({ route: "a\u0000b", n: 1 }) // → { value: { route: "ab", n: 1 }, fields: ["route"] }
 */
export function withoutNul<T extends object>(raw: T): { value: T; fields: string[] } {
  const fields: string[] = [];
  let copy: Record<string, unknown> | null = null;
  for (const [key, item] of Object.entries(raw)) {
    const found = { any: key.includes("\u0000") };
    const cleaned = clean(item, 1, found);
    if (!found.any) continue;
    const cleanKey = key.replaceAll("\u0000", "");
    fields.push(cleanKey);
    copy ??= { ...(raw as Record<string, unknown>) };
    if (cleanKey !== key) delete copy[key];
    copy[cleanKey] = cleaned;
  }
  return { value: (copy ?? raw) as T, fields };
}

/** The warning for an item whose NULs were removed. */
export function nulWarning(fields: readonly string[]): string {
  return `NUL characters removed from ${fields.join(", ")}`;
}
