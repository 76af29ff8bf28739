/**
 * The recorded provider responses every reply is built from: the dialects' `__fixtures__` in
 * `@genchi/core` (completions, messages, responses, embeddings, their streams) and this
 * package's own `__fixtures__/` (errors, the model list). Read once, handed out as fresh copies.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseSse } from "@genchi/core/dialects";

const core = dirname(createRequire(import.meta.url).resolve("@genchi/core/package.json"));
const dirs = [
  ...["./__fixtures__/", "../src/__fixtures__/"].map((d) => fileURLToPath(new URL(d, import.meta.url))),
  ...["openai-chat", "openai-responses", "anthropic-messages", "openai-embeddings"].map(
    (d) => `${join(core, "src", "dialects", d, "__fixtures__")}/`,
  ),
];
const cache = new Map<string, string>();

function readFixture(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    const dir = dirs.find((d) => existsSync(d + name));
    if (dir === undefined)
      throw new Error(`scripted-upstream fixture ${name} not found in ${dirs.join(" or ")}`);
    text = readFileSync(dir + name, "utf8");
    cache.set(name, text);
  }
  return text;
}

/**
 * A recorded JSON response, as a fresh object.
 *
 * @example const completion = fixtureJson<Record<string, unknown>>("openai-chat-completion.json")
 */
export function fixtureJson<T>(name: string): T {
  return JSON.parse(readFixture(name)) as T;
}

/**
 * A recorded SSE stream, as its events with parsed `data` (`[DONE]` stays a string).
 *
 * @example fixtureSse("anthropic-message-stream.txt")[0]?.event // → "message_start"
 */
export function fixtureSse(name: string): Array<{ event?: string; data: unknown }> {
  return parseSse(readFixture(name)).map((e) => {
    const data = e.data === "[DONE]" ? e.data : (JSON.parse(e.data) as unknown);
    return e.event === undefined ? { data } : { event: e.event, data };
  });
}
