/** Turns a user's search box text into safe full-text terms (no query syntax is passed through). */

/**
 * Words of a search string, lower-cased, at most 16.
 *
 * @example ftsTerms('refund "order 123"') // → ["refund", "order", "123"]
 */
export function ftsTerms(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []).slice(0, 16);
}
