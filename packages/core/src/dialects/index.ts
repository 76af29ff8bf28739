/**
 * `@genchi/core/dialects` — the wire dialects of the model APIs genchi speaks, pure (no fetch,
 * no sockets, no optional peers): each reads and writes its vendor's JSON. The SDK, the eval
 * providers, the gateway and the scripted upstream all use these.
 */

import { anthropicMessages } from "./anthropic-messages/index.js";
import type { Dialect, DialectPath } from "./dialect.js";
import { openaiChat } from "./openai-chat/index.js";
import { openaiEmbeddings } from "./openai-embeddings/index.js";
import { openaiResponses } from "./openai-responses/index.js";

export * from "./anthropic-messages/index.js";
export type * from "./counted-usage.js";
export type * from "./dialect.js";
export * from "./openai-chat/index.js";
export * from "./openai-embeddings/index.js";
export * from "./openai-responses/index.js";
export { formatSse, parseSse } from "./sse.js";
export { foldEvents, parseJson } from "./wire-values.js";

/** Every dialect, once. */
export const dialects: readonly Dialect[] = [
  openaiChat,
  openaiResponses,
  anthropicMessages,
  openaiEmbeddings,
];

/**
 * The dialect served on a path.
 *
 * @example dialectOf("/v1/messages").name // → "anthropic-messages"
 */
export function dialectOf(path: DialectPath): Dialect {
  const found = dialects.find((d) => d.path === path);
  if (!found) throw new Error(`no dialect serves ${path}`);
  return found;
}
