/** A seeded random source for the demo (mulberry32): the same seed makes the same project. */
import { seededRandom } from "@genchi/core";

export interface DemoRandom {
  /** Uniform in [0, 1). */
  next(): number;
  chance(p: number): boolean;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `[[item, weight], …]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** Lognormal with the given median and log-space sigma. */
  lognormal(median: number, sigma: number): number;
}

/**
 * @example const r = demoRandom(42); r.int(1, 6) // → the same number every run
 */
export function demoRandom(seed: number): DemoRandom {
  const { next } = seededRandom(seed);
  const normal = (): number => {
    const u = Math.max(next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  return {
    next,
    chance: (p) => next() < p,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted: (items) => {
      const total = items.reduce((n, [, w]) => n + w, 0);
      let x = next() * total;
      for (const [item, w] of items) {
        x -= w;
        if (x < 0) return item;
      }
      return items[items.length - 1]![0];
    },
    lognormal: (median, sigma) => median * Math.exp(sigma * normal()),
  };
}
