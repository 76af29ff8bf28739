/**
 * The pure half of a holdout refresh: allocates `n` picks over strata (at least one per
 * stratum, the rest in proportion to size), then picks each stratum's candidates in a seeded
 * order, skipping near-duplicates (same normalised text, or Levenshtein similarity at or above
 * a threshold) of anything already picked or already in the dataset. Texts are kept raw.
 */
import { seededRandom, shuffled } from "@genchi/core/drift";
import { distance } from "fastest-levenshtein";

export interface PickCandidate {
  callId: string;
  text: string;
  stratum: string;
}

export interface StratifiedPick {
  picked: PickCandidate[];
  /** Candidates skipped as near-duplicates while picking. */
  duplicatesRemoved: number;
  strata: { key: string; calls: number; picked: number }[];
}

/** Lower case, NFKC, punctuation and runs of spaces folded: what two copies of one text share. */
export function normalisedText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .slice(0, 1_000);
}

/** 1 − Levenshtein distance / longer length, on normalised texts. */
export function textSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - distance(a, b) / longer;
}

/** Picks so far, checked for near-duplicates: exact normalised texts in a set, the rest by length. */
class NearDuplicates {
  private readonly exact = new Set<string>();
  private readonly texts: string[] = [];
  constructor(private readonly threshold: number) {}

  has(normalised: string): boolean {
    if (this.exact.has(normalised)) return true;
    if (this.threshold > 1) return false;
    for (const t of this.texts) {
      const shorter = Math.min(t.length, normalised.length);
      const longer = Math.max(t.length, normalised.length);
      // distance ≥ the length gap, so similarity ≤ shorter / longer: skip what cannot match
      if (longer > 0 && shorter / longer < this.threshold) continue;
      if (textSimilarity(t, normalised) >= this.threshold) return true;
    }
    return false;
  }

  add(normalised: string): void {
    this.exact.add(normalised);
    this.texts.push(normalised);
  }
}

/** Quotas per stratum: one each (largest strata first when n is smaller), the rest by size, largest remainders. */
export function allocate(sizes: readonly number[], n: number): number[] {
  const quotas = sizes.map(() => 0);
  const order = sizes.map((_, i) => i).sort((a, b) => (sizes[b] as number) - (sizes[a] as number) || a - b);
  let left = n;
  for (const i of order) {
    if (left === 0) break;
    if ((sizes[i] as number) > 0) {
      quotas[i] = 1;
      left--;
    }
  }
  const room = sizes.map((s, i) => s - (quotas[i] as number));
  const totalRoom = room.reduce((a, b) => a + b, 0);
  if (left === 0 || totalRoom === 0) return quotas;
  const share = Math.min(left, totalRoom);
  const exact = room.map((r) => (r * share) / totalRoom);
  exact.forEach((e, i) => {
    quotas[i] = (quotas[i] as number) + Math.floor(e);
  });
  let rest = share - exact.reduce((a, e) => a + Math.floor(e), 0);
  const byRemainder = exact
    .map((e, i) => ({ i, r: e - Math.floor(e) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (rest === 0) break;
    if ((quotas[i] as number) < (sizes[i] as number)) {
      quotas[i] = (quotas[i] as number) + 1;
      rest--;
    }
  }
  return quotas;
}

/**
 * @example stratifiedPick(candidates, 200, { seed: 1 }).picked.length // → ≤ 200
 */
export function stratifiedPick(
  candidates: readonly PickCandidate[],
  n: number,
  options: { seed: number; similarity?: number; existing?: readonly string[] },
): StratifiedPick {
  const seen = new NearDuplicates(options.similarity ?? 0.9);
  for (const text of options.existing ?? []) seen.add(normalisedText(text));
  const keys = [...new Set(candidates.map((c) => c.stratum))].sort();
  const queues = keys.map((key, k) =>
    shuffled(
      candidates.filter((c) => c.stratum === key),
      seededRandom(options.seed * 1_000 + k),
    ),
  );
  const quotas = allocate(
    queues.map((q) => q.length),
    n,
  );
  const cursors = queues.map(() => 0);
  const counts = queues.map(() => 0);
  const picked: PickCandidate[] = [];
  let duplicatesRemoved = 0;
  /** Takes the stratum's next candidate that is not a near-duplicate; false when it has none left. */
  const takeFrom = (k: number): boolean => {
    const queue = queues[k] as PickCandidate[];
    while ((cursors[k] as number) < queue.length) {
      const c = queue[cursors[k] as number] as PickCandidate;
      cursors[k] = (cursors[k] as number) + 1;
      const norm = normalisedText(c.text);
      if (norm === "" || seen.has(norm)) {
        duplicatesRemoved++;
        continue;
      }
      seen.add(norm);
      picked.push(c);
      counts[k] = (counts[k] as number) + 1;
      return true;
    }
    return false;
  };
  queues.forEach((_, k) => {
    for (let q = 0; q < (quotas[k] as number); q++) if (!takeFrom(k)) break;
  });
  // Strata that ran out (duplicates) leave room: fill it round-robin from those with candidates left.
  let progress = true;
  while (picked.length < n && progress) {
    progress = false;
    for (let k = 0; k < queues.length && picked.length < n; k++) if (takeFrom(k)) progress = true;
  }
  return {
    picked,
    duplicatesRemoved,
    strata: keys.map((key, k) => ({
      key,
      calls: (queues[k] as PickCandidate[]).length,
      picked: counts[k] as number,
    })),
  };
}
