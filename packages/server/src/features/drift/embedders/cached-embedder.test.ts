/**
 * The embeddings cache on a temp folder with a counting embedder: only unseen texts reach the
 * embedder, a second process (a new cache object) reads the file, a torn last line is skipped,
 * and cached vectors equal fresh ones (both float32).
 */
import { appendFileSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { parseDriftJsonl } from "../read-drift-file.js";
import { cachedEmbedder } from "./cached-embedder.js";
import type { Embedder } from "./embedder.js";

function countingEmbedder(): Embedder & { seen: string[] } {
  const seen: string[] = [];
  return {
    id: "test/counting",
    seen,
    async embed(texts) {
      seen.push(...texts);
      return texts.map((t) => [t.length, 0.1, 1 / 3]);
    },
  };
}

test("embeds each distinct text once, across cache objects, skipping a torn line", async () => {
  const dir = mkdtempSync(join(tmpdir(), "genchi-embeddings-"));
  const inner = countingEmbedder();
  const first = cachedEmbedder(inner, dir);
  const a = await first.embed(["hello", "world", "hello"]);
  expect(inner.seen).toEqual(["hello", "world"]);
  expect(a[0]).toEqual(a[2]);
  expect(a[0]?.[2]).toBe(Math.fround(1 / 3)); // stored precision, fresh or cached
  const file = join(dir, readdirSync(dir)[0] as string);
  appendFileSync(file, "deadbeef\tnot-a-whole-line"); // a crash mid-write
  const second = cachedEmbedder(inner, dir);
  const b = await second.embed(["world", "hello", "new"]);
  expect(inner.seen).toEqual(["hello", "world", "new"]);
  expect(b[0]).toEqual(a[1]);
  expect(second.hits).toBe(2);
  expect(second.misses).toBe(1);
});

test("JSONL parsing: strings, chat messages, blank lines; errors name the line", () => {
  const records = parseDriftJsonl(
    `{"input":"hi","output":"yo"}\n\n{"input":[{"role":"user","content":"a"}],"output":{"role":"assistant","content":"b"}}\n{"input":"no output"}\n`,
    "f.jsonl",
  );
  expect(records).toHaveLength(3);
  expect(records[2]?.output).toBeUndefined();
  expect(() => parseDriftJsonl('{"input":"a"}\n[1]\n', "f.jsonl")).toThrow(
    /^f\.jsonl:2: expected a JSON object/,
  );
  expect(() => parseDriftJsonl("\n\n", "e.jsonl")).toThrow(/e\.jsonl: the file has no records/);
});
