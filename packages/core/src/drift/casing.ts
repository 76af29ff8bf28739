/** The casing of a text: lower, upper, title, sentence (capital first, then lower), mixed, or none. */

export type Casing = "lower" | "upper" | "title" | "sentence" | "mixed" | "none";

const upper = /\p{Lu}/u;
const lower = /\p{Ll}/u;
const word = /\p{L}+/gu;

/**
 * @example casing("reset my password") // → "lower"
 * @example casing("Reset My Password") // → "title"
 */
export function casing(text: string): Casing {
  const hasUpper = upper.test(text);
  const hasLower = lower.test(text);
  if (!hasUpper && !hasLower) return "none";
  if (!hasUpper) return "lower";
  if (!hasLower) return "upper";
  const words = text.match(word) ?? [];
  const isCapitalised = (w: string) => upper.test(w[0] ?? "") && !upper.test(w.slice(1));
  if (words.length > 1 && words.every(isCapitalised)) return "title";
  const first = words[0] ?? "";
  if (upper.test(first[0] ?? "")) return "sentence";
  return "mixed";
}

const letter = /\p{L}/u;
const space = /\s/u;

/** Share of non-space characters that are not letters (digits, punctuation, symbols). */
export function nonLetterShare(text: string): number {
  let counted = 0;
  let nonLetters = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      if (code === 32 || (code >= 9 && code <= 13)) continue;
      counted++;
      if (!((code >= 65 && code <= 90) || (code >= 97 && code <= 122))) nonLetters++;
      continue;
    }
    const ch = text[i] as string;
    if (space.test(ch)) continue;
    // A surrogate pair is one character: test both halves together.
    const full = code >= 0xd800 && code <= 0xdbff ? text.slice(i, ++i + 1) : ch;
    counted++;
    if (!letter.test(full)) nonLetters++;
  }
  return counted === 0 ? 0 : nonLetters / counted;
}

/**
 * Words: runs of non-space characters.
 *
 * @example wordCount("  where is  it ") // → 3
 */
export function wordCount(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const isSpace = code < 128 ? code === 32 || (code >= 9 && code <= 13) : space.test(text[i] as string);
    if (!isSpace && !inWord) words++;
    inWord = !isSpace;
  }
  return words;
}
