import { expect, test } from "vitest";
import { seededRandom } from "../random/seeded-random.js";
import { rocAuc } from "./domain-classifier.js";
import { driftRatio, semanticDrift } from "./semantic-drift.js";

/** Vectors around a few random topic centres in `dim` dimensions, with Gaussian noise. */
function topicVectors(dim: number, noiseSeed: number) {
  const c = seededRandom(42);
  const r = seededRandom(noiseSeed);
  const centreGauss = () =>
    Math.sqrt(-2 * Math.log(Math.max(c.next(), 1e-12))) * Math.cos(2 * Math.PI * c.next());
  const gauss = () => Math.sqrt(-2 * Math.log(Math.max(r.next(), 1e-12))) * Math.cos(2 * Math.PI * r.next());
  const centres = Array.from({ length: 5 }, () => Array.from({ length: dim }, centreGauss));
  return (topic: number, noise = 0.8) => (centres[topic] as number[]).map((c) => c + noise * gauss());
}

function sample(n: number, seed: number, newShare: number, dim = 64) {
  const r = seededRandom(seed);
  const vector = topicVectors(dim, seed + 1000);
  const texts: string[] = [];
  const vectors: number[][] = [];
  for (let i = 0; i < n; i++) {
    const topic = r.next() < newShare ? 3 : r.int(3);
    texts.push(`${["billing invoice", "shipping parcel", "account password", "solar panel"][topic]} ${i}`);
    vectors.push(vector(topic));
  }
  return { texts, vectors };
}

test("ROC AUC and drift ratio", () => {
  expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
  expect(rocAuc([1, 1, 1], [0, 1, 0])).toBe(0.5);
  expect(driftRatio(30, 10, 100, 100)).toBeCloseTo(0.5, 12);
  expect(driftRatio(30, 0, 100, 200)).toBe(1);
});

test("a new topic at 15% of current: a cluster with ratio > 0.5, reported as uncovered, whose examples are that topic", () => {
  const started = Date.now();
  const { semantic, clusters } = semanticDrift({
    side: "input",
    embedder: "synthetic",
    baseline: sample(1_200, 1, 0),
    current: sample(1_200, 2, 0.15),
    seed: 3,
  });
  const uncovered = clusters.filter((c) => c.uncovered);
  expect(uncovered.length).toBe(1);
  const topic = uncovered[0];
  expect(topic?.driftRatio).toBeGreaterThan(0.5);
  expect(topic?.share).toBeGreaterThan(0.1);
  expect(topic?.examples.every((e) => e.startsWith("solar panel"))).toBe(true);
  expect(topic?.terms).toEqual(expect.arrayContaining(["solar", "panel"]));
  expect(semantic.domainClassifierAuc).toBeGreaterThan(0.55);
  expect(semantic.drifted).toBe(true);
  expect(semantic.centroidDrifted).toBe(true);
  expect(semantic.points.length).toBe(2_400);
  console.log(
    `semantic drift on 1,200 + 1,200 × 64 dims: ${Date.now() - started} ms, k = ${semantic.clusterCount}`,
  );
}, 60_000);

test("two samples of one distribution: no semantic drift, no uncovered topic", () => {
  const { semantic, clusters } = semanticDrift({
    side: "input",
    embedder: "synthetic",
    baseline: sample(600, 5, 0),
    current: sample(600, 6, 0),
    seed: 7,
  });
  expect(semantic.domainClassifierAuc).toBeLessThan(0.55);
  expect(semantic.drifted).toBe(false);
  expect(clusters.some((c) => c.uncovered)).toBe(false);
}, 60_000);

test("deterministic given a seed", () => {
  const run = () =>
    semanticDrift({
      side: "input",
      embedder: "s",
      baseline: sample(200, 1, 0),
      current: sample(200, 2, 0.2),
      seed: 9,
    });
  expect(run()).toEqual(run());
}, 60_000);
