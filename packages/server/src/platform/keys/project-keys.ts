/** Project keys: generation, hashing (sha256; the secret is never stored) and display prefixes. */
import { createHash, randomBytes } from "node:crypto";
import type { KeyKind } from "@genchi/spec";

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** The readable start of every key: `gk_` for secret keys, `gpk_` for public (feedback-only) keys. */
export const keyPrefixes: Record<KeyKind, string> = { secret: "gk_", public: "gpk_" };

/**
 * A new random key (190 bits of entropy).
 *
 * @example generateKey("secret") // → "gk_3fZk…"
 */
export function generateKey(kind: KeyKind): string {
  const bytes = randomBytes(32);
  let body = "";
  for (const byte of bytes) body += alphabet[byte % 62];
  return keyPrefixes[kind] + body;
}

/** sha256 hex of a key: what the store keeps. Keys are long random strings, so a fast hash is enough. */
export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** The part of a key shown in lists (never enough to use it). */
export function displayPrefix(key: string): string {
  return key.slice(0, key.indexOf("_") + 5);
}

/** The kind a key's prefix claims (used for keys given from outside, e.g. GENCHI_INIT_PROJECT_KEY). */
export function kindOfKey(key: string): KeyKind {
  return key.startsWith(keyPrefixes.public) ? "public" : "secret";
}
