/**
 * McNemar's test for paired pass/fail outcomes (the same tests under A and B): exact
 * binomial for small discordant counts, χ² with continuity correction otherwise.
 */

export interface McNemarResult {
  /** Passed in A, failed in B. */
  regressions: number;
  /** Failed in A, passed in B. */
  improvements: number;
  /** Two-sided p-value; 1 when nothing flipped. */
  pValue: number;
}

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
  return s;
}

/** Complementary error function (Numerical Recipes' erfcc, ~1e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/**
 * McNemar's test on discordant pair counts.
 *
 * @example mcnemar(8, 1).pValue // → 0.039…
 */
export function mcnemar(regressions: number, improvements: number): McNemarResult {
  const n = regressions + improvements;
  if (n === 0) return { regressions, improvements, pValue: 1 };
  let pValue: number;
  if (n <= 50) {
    const m = Math.min(regressions, improvements);
    let tail = 0;
    for (let i = 0; i <= m; i++) tail += Math.exp(logChoose(n, i) - n * Math.LN2);
    pValue = Math.min(1, 2 * tail);
  } else {
    const chi = (Math.abs(regressions - improvements) - 1) ** 2 / n;
    pValue = erfc(Math.sqrt(chi / 2));
  }
  return { regressions, improvements, pValue };
}
