/** Provider-looking ids (`chatcmpl-…`, `resp_…`, `msg_…`, `toolu_…`) for scripted replies. */
import { randomBytes } from "node:crypto";

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * A random id with a provider prefix.
 *
 * @example scriptedId("chatcmpl-") // → "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT"
 */
export function scriptedId(prefix: string, length = 29): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/** A random lower-case hex string, for ids like `resp_68019a5e…` and request ids. */
export function scriptedHexId(prefix: string, bytes = 24): string {
  return prefix + randomBytes(bytes).toString("hex");
}
