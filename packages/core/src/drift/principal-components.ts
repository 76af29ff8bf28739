/**
 * Principal components of embeddings by randomized SVD (Halko et al.): a seeded Gaussian
 * sketch, one power iteration, then an exact eigen-decomposition of the small projected
 * problem (ml-matrix). Reducing 512-d embeddings to a few dozen components first keeps the
 * classifier, k-means and silhouette fast; the first two components are the cluster map.
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { seededRandom } from "../random/seeded-random.js";
import type { Vector } from "./vectors.js";

/** Orthonormalises the columns of an n × l row-major matrix in place (modified Gram–Schmidt). */
function orthonormalize(a: Float64Array, n: number, l: number): void {
  for (let j = 0; j < l; j++) {
    for (let k = 0; k < j; k++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += (a[i * l + j] as number) * (a[i * l + k] as number);
      for (let i = 0; i < n; i++) a[i * l + j] = (a[i * l + j] as number) - dot * (a[i * l + k] as number);
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += (a[i * l + j] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) a[i * l + j] = (a[i * l + j] as number) / norm;
  }
}

/** (n × d) · (d × l) → n × l, all row-major. */
function multiply(x: Float64Array, n: number, d: number, w: Float64Array, l: number): Float64Array {
  const out = new Float64Array(n * l);
  for (let i = 0; i < n; i++) {
    const xRow = i * d;
    const oRow = i * l;
    for (let k = 0; k < d; k++) {
      const xik = x[xRow + k] as number;
      const wRow = k * l;
      for (let j = 0; j < l; j++) out[oRow + j] = (out[oRow + j] as number) + xik * (w[wRow + j] as number);
    }
  }
  return out;
}

/** (n × d)ᵀ · (n × l) → d × l. */
function multiplyTransposed(x: Float64Array, n: number, d: number, q: Float64Array, l: number): Float64Array {
  const out = new Float64Array(d * l);
  for (let i = 0; i < n; i++) {
    const xRow = i * d;
    const qRow = i * l;
    for (let k = 0; k < d; k++) {
      const xik = x[xRow + k] as number;
      const oRow = k * l;
      for (let j = 0; j < l; j++) out[oRow + j] = (out[oRow + j] as number) + xik * (q[qRow + j] as number);
    }
  }
  return out;
}

/**
 * Scores of every row on the first `components` principal components (centred data).
 *
 * @example principalComponents(vectors, 2, 1)[0] // → [pc1, pc2]
 */
export function principalComponents(vectors: readonly Vector[], components: number, seed = 1): number[][] {
  const n = vectors.length;
  const d = vectors[0]?.length ?? 0;
  const m = Math.min(components, n, d);
  if (n === 0 || m === 0) return vectors.map(() => []);
  const x = new Float64Array(n * d);
  const mean = new Float64Array(d);
  for (const v of vectors) for (let k = 0; k < d; k++) mean[k] = (mean[k] as number) + (v[k] as number) / n;
  vectors.forEach((v, i) => {
    for (let k = 0; k < d; k++) x[i * d + k] = (v[k] as number) - (mean[k] as number);
  });
  const l = Math.min(m + 8, n, d);
  const random = seededRandom(seed);
  const gauss = () =>
    Math.sqrt(-2 * Math.log(Math.max(random.next(), 1e-12))) * Math.cos(2 * Math.PI * random.next());
  const omega = Float64Array.from({ length: d * l }, gauss);
  let q = multiply(x, n, d, omega, l);
  orthonormalize(q, n, l);
  for (let iteration = 0; iteration < 1; iteration++) {
    const z = multiplyTransposed(x, n, d, q, l);
    orthonormalize(z, d, l);
    q = multiply(x, n, d, z, l);
    orthonormalize(q, n, l);
  }
  // B = Qᵀ X (l × d); the eigenvectors of B Bᵀ rotate Q onto the principal axes.
  const bt = multiplyTransposed(x, n, d, q, l); // d × l = Bᵀ
  const bbt = new Matrix(l, l);
  for (let a = 0; a < l; a++)
    for (let b = a; b < l; b++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (bt[k * l + a] as number) * (bt[k * l + b] as number);
      bbt.set(a, b, s);
      bbt.set(b, a, s);
    }
  const eig = new EigenvalueDecomposition(bbt, { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const order = values
    .map((v, i) => [v, i] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, m);
  const vectorsOfB = eig.eigenvectorMatrix;
  // scores = Q · U_b · diag(s), s = √eigenvalue
  return Array.from({ length: n }, (_, i) =>
    order.map(([value, c]) => {
      let s = 0;
      for (let a = 0; a < l; a++) s += (q[i * l + a] as number) * vectorsOfB.get(a, c);
      return s * Math.sqrt(Math.max(0, value));
    }),
  );
}
