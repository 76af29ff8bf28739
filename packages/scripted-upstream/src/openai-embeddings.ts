/**
 * OpenAI `POST /v1/embeddings` and `GET /v1/models`. Vectors are deterministic per text
 * (unit length, seeded by the text), as floats or base64 like the real API.
 */
import { writeOpenAIEmbeddingsUsage } from "@genchi/core/dialects";
import { fixtureJson } from "./fixtures.js";
import { estimateTokens } from "./scripted-answer.js";
import { servedModel } from "./served-model.js";

type Json = Record<string, unknown>;

function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A deterministic unit vector for a text: the same text always embeds the same.
 *
 * @example scriptedVector("hello", 4).length // → 4
 */
export function scriptedVector(text: string, dimensions: number): Float32Array {
  let state = seedOf(text);
  const v = new Float32Array(dimensions);
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    const x = ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
    v[i] = x;
    norm += x * x;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < dimensions; i++) v[i] = v[i]! * scale;
  return v;
}

function inputs(input: unknown): string[] {
  if (typeof input === "string") return [input];
  if (!Array.isArray(input)) return [];
  if (input.every((x) => typeof x === "number")) return [input.join(" ")];
  return input.map((x) => (Array.isArray(x) ? x.join(" ") : String(x)));
}

/**
 * The embeddings response for a request body.
 *
 * @example embeddingsResponse({ model: "text-embedding-3-small", input: "hi", dimensions: 8 })
 */
export function embeddingsResponse(body: Json): Json {
  const template = fixtureJson<Json>("openai-embeddings.json");
  const model = String(body["model"] ?? "text-embedding-3-small");
  const dims =
    typeof body["dimensions"] === "number" ? body["dimensions"] : model.includes("large") ? 3072 : 1536;
  const base64 = body["encoding_format"] === "base64";
  const texts = inputs(body["input"]);
  const item = (template["data"] as Json[])[0]!;
  const tokens = texts.reduce((n, t) => n + estimateTokens(t), 0);
  return {
    ...template,
    data: texts.map((text, index) => {
      const vector = scriptedVector(text, dims);
      const embedding = base64 ? Buffer.from(vector.buffer).toString("base64") : Array.from(vector);
      return { ...item, index, embedding };
    }),
    model: servedModel(model),
    usage: writeOpenAIEmbeddingsUsage(tokens),
  };
}

/** The recorded model list. */
export function modelsResponse(): Json {
  return fixtureJson<Json>("openai-models.json");
}
