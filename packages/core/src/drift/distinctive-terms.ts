/**
 * Distinctive words of a cluster: words far more frequent in the cluster's texts than in the
 * rest (smoothed log ratio of document frequencies), stop words left out.
 */

const stopWords = new Set(
  "a an and are as at be but by can could did do does for from had has have how i if in into is it its me my no not of on or our please so than that the their them then there these they this to too was we were what when where which who why will with would you your yours am been being just also any some all about after again very should".split(
    " ",
  ),
);

function wordsOf(text: string): Set<string> {
  return new Set(
    (text.toLowerCase().match(/\p{L}[\p{L}'-]*/gu) ?? []).filter((w) => w.length > 2 && !stopWords.has(w)),
  );
}

/**
 * Top `limit` words for each cluster id.
 *
 * @example distinctiveTerms(["solar panel", "solar inverter", "my invoice"], [0, 0, 1], 2)[0] // → ["solar", …]
 */
export function distinctiveTerms(texts: readonly string[], labels: readonly number[], limit = 5): string[][] {
  const k = Math.max(-1, ...labels) + 1;
  const docs = texts.map(wordsOf);
  const total = new Map<string, number>();
  const byCluster = Array.from({ length: k }, () => new Map<string, number>());
  const sizes = new Array<number>(k).fill(0);
  docs.forEach((words, i) => {
    const l = labels[i] as number;
    sizes[l] = (sizes[l] as number) + 1;
    for (const w of words) {
      total.set(w, (total.get(w) ?? 0) + 1);
      const m = byCluster[l] as Map<string, number>;
      m.set(w, (m.get(w) ?? 0) + 1);
    }
  });
  return byCluster.map((counts, l) => {
    const inside = sizes[l] as number;
    const outside = texts.length - inside;
    const minDocs = Math.max(2, Math.ceil(inside * 0.05));
    return [...counts.entries()]
      .filter(([, c]) => c >= minDocs)
      .map(([w, c]) => {
        const out = (total.get(w) ?? 0) - c;
        return [
          w,
          Math.log((c + 1) / (inside + 2)) - Math.log((out + 1) / (outside + 2)) + 1e-6 * c,
        ] as const;
      })
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map(([w]) => w);
  });
}
