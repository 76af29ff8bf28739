/**
 * Out-of-vocabulary (typo) rate: the share of a text's words not in an English word list
 * (`an-array-of-english-words`, ~275,000 words, bundled: works offline).
 */
import { createRequire } from "node:module";

let vocabulary: Set<string> | undefined;

/** The word list, read on first use: 275,000 strings (~27 MB of heap) a server without drift work never needs. */
function words(): Set<string> {
  vocabulary ??= new Set(createRequire(import.meta.url)("an-array-of-english-words/index.json") as string[]);
  return vocabulary;
}

/** Words: runs of ASCII letters, an apostrophe suffix allowed ("don't" → "don"). */
const wordPattern = /[A-Za-z]+(?:'[A-Za-z]+)*/g;
/** Capitals after the first letter (acronyms, camelCase, product names) are not spelling. */
const innerCapital = /^.[^A-Z]*[A-Z]/;

/**
 * @example typoRate("teh quick brown fox") // → 0.25
 */
export function typoRate(text: string): number {
  const vocab = words();
  let total = 0;
  let unknown = 0;
  for (const match of text.matchAll(wordPattern)) {
    const raw = match[0];
    if (innerCapital.test(raw)) continue;
    const apostrophe = raw.indexOf("'");
    const base = (apostrophe < 0 ? raw : raw.slice(0, apostrophe)).toLowerCase();
    total++;
    if (!vocab.has(base)) unknown++;
  }
  return total === 0 ? 0 : unknown / total;
}

/** True when a lowercase word is in the English word list. */
export function isEnglishWord(word: string): boolean {
  return words().has(word);
}
