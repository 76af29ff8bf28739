/**
 * Full-text words on PostgreSQL. A call's text is split into words here, the same way as a
 * search (`ftsTerms`), before `to_tsvector('simple', …)` sees it: PostgreSQL's own parser
 * keeps `user@example.com`, `3.14` or `/usr/bin` whole while a search splits them, and
 * SQLite's FTS5 (unicode61, diacritics removed) splits them too. So both backends find
 * the same calls for the same search.
 */
import type { Call } from "@genchi/spec";
import { callSearchText } from "../call-row.js";
import { ftsTerms } from "../fts-terms.js";

/** Longest word list indexed per call, in characters: keeps a tsvector far below its 1 MB limit. */
export const maxSearchChars = 100_000;

const wordPattern = /[\p{L}\p{N}_]+/gu;
const nonAscii = /[^\x00-\x7f]/;

/** Removes accents (é → e), as FTS5's `remove_diacritics` does. */
function foldDiacritics(text: string): string {
  if (!nonAscii.test(text)) return text;
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
}

/**
 * The words of a call's input and output, space-separated, for `to_tsvector('simple', …)`.
 * A very long text keeps its head and tail (the output is at the end).
 *
 * @example searchDocument(call) // → "suggest a category for red running shoes category footwear"
 */
export function searchDocument(call: Call): string {
  const words = foldDiacritics(callSearchText(call)).toLowerCase().match(wordPattern);
  if (!words) return "";
  const doc = words.join(" ");
  if (doc.length <= maxSearchChars) return doc;
  const half = maxSearchChars / 2;
  return `${doc.slice(0, half)} ${doc.slice(-half)}`;
}

/**
 * The words of a search, for `plainto_tsquery('simple', …)`: no query syntax passes through.
 *
 * @example searchQuery('Café "order 123"') // → "cafe order 123"
 */
export function searchQuery(q: string): string {
  return ftsTerms(foldDiacritics(q)).join(" ");
}
