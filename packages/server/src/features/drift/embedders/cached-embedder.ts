/**
 * Embeddings cached on disk by content hash: one append-only file per embedder in the cache
 * folder, a line per text (`sha256 <tab> base64 float32`). Only texts not yet cached reach
 * the embedder; a torn last line (a crash mid-write) is skipped on read.
 */
import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Embedder } from "./embedder.js";

function hashOf(embedderId: string, text: string): string {
  return createHash("sha256").update(embedderId).update("\0").update(text).digest("hex");
}

function encode(vector: readonly number[]): string {
  return Buffer.from(Float32Array.from(vector).buffer).toString("base64");
}

function decode(text: string): number[] {
  const bytes = Buffer.from(text, "base64");
  return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
}

/**
 * @example const embedder = cachedEmbedder(energeticEmbedder(), ".genchi/cache/embeddings")
 */
export function cachedEmbedder(inner: Embedder, dir: string): Embedder & { hits: number; misses: number } {
  const file = join(dir, `${inner.id.replace(/[^a-zA-Z0-9._-]+/g, "_")}.tsv`);
  let cache: Map<string, number[]> | undefined;
  const load = () => {
    if (cache) return cache;
    cache = new Map();
    if (existsSync(file))
      for (const line of readFileSync(file, "utf8").split("\n")) {
        const tab = line.indexOf("\t");
        if (tab !== 64) continue;
        const vector = decode(line.slice(tab + 1));
        if (vector.length > 0 && vector.every(Number.isFinite)) cache.set(line.slice(0, tab), vector);
      }
    return cache;
  };
  const self = {
    id: inner.id,
    hits: 0,
    misses: 0,
    async embed(texts: readonly string[]) {
      const known = load();
      const hashes = texts.map((t) => hashOf(inner.id, t));
      const missing = [
        ...new Set(hashes.flatMap((h, i) => (known.has(h) ? [] : [i])).map((i) => texts[i] as string)),
      ];
      self.hits += texts.length - missing.length;
      self.misses += missing.length;
      if (missing.length > 0) {
        const vectors = await inner.embed(missing);
        mkdirSync(dir, { recursive: true });
        const lines: string[] = [];
        missing.forEach((text, i) => {
          const h = hashOf(inner.id, text);
          // Stored as float32: a cold run and a cached run see the same numbers.
          const v = Array.from(Float32Array.from(vectors[i] as number[]));
          known.set(h, v);
          lines.push(`${h}\t${encode(v)}\n`);
        });
        appendFileSync(file, lines.join(""));
      }
      return hashes.map((h) => known.get(h) as number[]);
    },
  };
  return self;
}
