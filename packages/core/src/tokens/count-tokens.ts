/** Token counts for calls that arrive without usage, with the o200k encoding (offline, from gpt-tokenizer). */
import type { CallInput, CallOutput } from "@genchi/spec";
import { countTokens as countO200k } from "gpt-tokenizer/encoding/o200k_base";
import { callText } from "../text/call-text.js";

/** Per-message overhead of the chat format (role and separators), as OpenAI documents it. */
const tokensPerMessage = 3;
const tokensPerReply = 3;

/** Tokens in a plain string. */
export function countTextTokens(text: string): number {
  return text.length === 0 ? 0 : countO200k(text);
}

/**
 * Estimated prompt tokens of a call input (a string or chat messages).
 *
 * @example countInputTokens([{ role: "user", content: "Hello" }]) // → 7
 */
export function countInputTokens(input: CallInput): number {
  if (typeof input === "string") return countTextTokens(input);
  let total = tokensPerReply;
  for (const message of input) total += tokensPerMessage + countTextTokens(callText(message));
  return total;
}

/** Estimated completion tokens of a call output. */
export function countOutputTokens(output: CallOutput | undefined): number {
  return countTextTokens(callText(output));
}
