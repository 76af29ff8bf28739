/** Mobile-style typos for demo inputs: swapped, dropped, doubled and fat-fingered letters. */
import type { DemoRandom } from "./random.js";

const neighbours: Record<string, string> = {
  a: "sqw",
  e: "wrd",
  i: "uok",
  o: "ipl",
  u: "yij",
  s: "adw",
  t: "ryg",
  n: "bmh",
  r: "etf",
  l: "kop",
};

/**
 * Adds about `rate` typos per word to `text` (words of 3+ letters only).
 *
 * @example withTypos("blender with glass jar", 0.3, random) // → "blendr with glass jsr"
 */
export function withTypos(text: string, rate: number, random: DemoRandom): string {
  return text.replace(/[A-Za-z]{3,}/g, (word) => {
    if (!random.chance(rate)) return word;
    const i = random.int(1, word.length - 2);
    const kind = random.int(0, 3);
    const c = word[i]!;
    if (kind === 0) return word.slice(0, i) + word[i + 1] + c + word.slice(i + 2);
    if (kind === 1) return word.slice(0, i) + word.slice(i + 1);
    if (kind === 2) return word.slice(0, i) + c + word.slice(i);
    const near = neighbours[c.toLowerCase()];
    return near ? word.slice(0, i) + random.pick([...near]) + word.slice(i + 1) : word;
  });
}

/** Lower-cases and drops punctuation the way quick phone typing does. */
export function mobileStyle(text: string): string {
  return text.toLowerCase().replace(/[.,!?]/g, "");
}
