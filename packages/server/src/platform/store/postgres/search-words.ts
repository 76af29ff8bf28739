/**
 * Full-text words on PostgreSQL. Words are split here, for calls and for searches alike,
 * and handed to PostgreSQL as lexemes: `array_to_tsvector` for a call, a `tsquery` of
 * quoted lexemes AND-ed for a search. PostgreSQL's text parser is not used: it keeps
 * `user@example.com`, `3.14` or `/usr/bin` whole where SQLite's FTS5 (unicode61,
 * diacritics removed) splits them, and it is the slowest step of an insert.
 */
import type { Call } from "@genchi/spec";
import { callSearchText } from "../call-row.js";
import { ftsTerms } from "../fts-terms.js";

/** Longest word list indexed per call, in characters: keeps a tsvector far below its 1 MB limit. */
export const maxSearchChars = 100_000;
/** Longer "words" (base64, hashes) are not indexed; PostgreSQL refuses lexemes over 2 KB. */
const maxWordChars = 256;

const wordPattern = /[\p{L}\p{N}]+/gu;
const nonAscii = /[^ -~\t\n\r]/;

/** Removes accents (é → e), as FTS5's `remove_diacritics` does. */
function foldDiacritics(text: string): string {
  if (!nonAscii.test(text)) return text;
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC");
}

/**
 * The distinct words of a call's input and output, space-separated, for
 * `array_to_tsvector(string_to_array(…, ' '))`. A very long text keeps its head and
 * tail (the output is at the end).
 *
 * @example searchDocument(call) // → "suggest a category for red running shoes footwear"
 */
export function searchDocument(call: Call): string {
  let text = callSearchText(call);
  if (text.length > 2 * maxSearchChars)
    text = `${text.slice(0, maxSearchChars)} ${text.slice(-maxSearchChars)}`;
  const words = new Set(foldDiacritics(text).toLowerCase().match(wordPattern));
  const kept: string[] = [];
  let length = 0;
  for (const word of words) {
    if (word.length > maxWordChars) continue;
    length += word.length + 1;
    if (length > maxSearchChars) break;
    kept.push(word);
  }
  return kept.join(" ");
}

/**
 * A search as a `tsquery` literal: its words quoted and AND-ed, so no query syntax passes
 * through. Null when the search has no words.
 *
 * @example searchQuery('Café "order_123"') // → "'cafe' & 'order' & '123'"
 */
export function searchQuery(q: string): string | null {
  const words = ftsTerms(foldDiacritics(q))
    .flatMap((term) => term.split("_"))
    .filter((word) => word.length > 0 && word.length <= maxWordChars);
  // Words hold letters and digits only; quoting keeps them lexemes all the same.
  return words.length > 0 ? words.map((word) => `'${word}'`).join(" & ") : null;
}
