/** String assertions with promptfoo's semantics: equals, contains*, starts-with, regex, word-count, is-refusal. */
import type { AssertionContext, AssertionFn } from "./assertion.js";
import { verdict } from "./assertion.js";
import { levenshteinDistance } from "./levenshtein-distance.js";

const str = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/** A list value: an array, or a comma-separated string (promptfoo accepts both). */
function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(str);
  if (typeof value === "string") return value.split(",").map((s) => s.trim());
  return [str(value)];
}

const equals: AssertionFn = (output, { value }) => {
  if (typeof value === "object" && value !== null) {
    try {
      return verdict(
        JSON.stringify(JSON.parse(output)) === JSON.stringify(value),
        `Expected output to equal ${str(value)}`,
      );
    } catch {
      return verdict(false, `Expected output to equal ${str(value)}`);
    }
  }
  return verdict(output === String(value), `Expected output "${output}" to equal "${String(value)}"`);
};

const contains: AssertionFn = (output, { value }) =>
  verdict(output.includes(str(value)), `Expected output to contain "${str(value)}"`);

const icontains: AssertionFn = (output, { value }) =>
  verdict(
    output.toLowerCase().includes(str(value).toLowerCase()),
    `Expected output to contain "${str(value)}" (case-insensitive)`,
  );

const containsAny: AssertionFn = (output, { value }) => {
  const items = listOf(value);
  return verdict(
    items.some((v) => output.includes(v)),
    `Expected output to contain one of "${items.join(", ")}"`,
  );
};

const icontainsAny: AssertionFn = (output, { value }) => {
  const items = listOf(value);
  const lower = output.toLowerCase();
  return verdict(
    items.some((v) => lower.includes(v.toLowerCase())),
    `Expected output to contain one of "${items.join(", ")}" (case-insensitive)`,
  );
};

const containsAll: AssertionFn = (output, { value }) => {
  const missing = listOf(value).filter((v) => !output.includes(v));
  return verdict(missing.length === 0, `Expected output to contain all of; missing "${missing.join(", ")}"`);
};

const icontainsAll: AssertionFn = (output, { value }) => {
  const lower = output.toLowerCase();
  const missing = listOf(value).filter((v) => !lower.includes(v.toLowerCase()));
  return verdict(missing.length === 0, `Expected output to contain all of; missing "${missing.join(", ")}"`);
};

const startsWith: AssertionFn = (output, { value }) =>
  verdict(output.startsWith(str(value)), `Expected output to start with "${str(value)}"`);

const regex: AssertionFn = (output, { value }) =>
  verdict(new RegExp(str(value)).test(output), `Expected output to match regex "${str(value)}"`);

/** `value`: a number (exact) or `{ min, max }`. */
const wordCount: AssertionFn = (output, { value }) => {
  const words = output.trim().split(/\s+/).filter(Boolean).length;
  if (typeof value === "number") return verdict(words === value, `Expected ${value} words, got ${words}`);
  const range = (value ?? {}) as { min?: number; max?: number };
  const ok =
    (range.min === undefined || words >= range.min) && (range.max === undefined || words <= range.max);
  return verdict(ok, `Word count ${words} is outside [${range.min ?? 0}, ${range.max ?? "∞"}]`);
};

/** Pass when the edit distance to `value` is at most `threshold` (default 5). */
const levenshtein: AssertionFn = (output, ctx: AssertionContext) => {
  const distance = levenshteinDistance(output, str(ctx.value));
  const max = ctx.threshold ?? 5;
  return verdict(distance <= max, `Levenshtein distance ${distance} is greater than threshold ${max}`);
};

const refusalPhrases = [
  "i cannot",
  "i can't",
  "i can not",
  "i am unable",
  "i'm unable",
  "i am not able",
  "i'm not able",
  "i won't",
  "i will not",
  "as an ai",
  "i'm sorry, but",
  "i apologize, but",
  "cannot assist",
  "can't help with",
  "not able to provide",
];

/** Pass when the output is a refusal (or empty). */
const isRefusal: AssertionFn = (output) => {
  const lower = output.trim().toLowerCase();
  const refused = lower.length === 0 || refusalPhrases.some((p) => lower.includes(p));
  return verdict(refused, "Expected output to be a refusal");
};

/** The text assertions, by name. */
export const textAssertions: Readonly<Record<string, AssertionFn>> = {
  equals,
  contains,
  icontains,
  "contains-any": containsAny,
  "icontains-any": icontainsAny,
  "contains-all": containsAll,
  "icontains-all": icontainsAll,
  "starts-with": startsWith,
  regex,
  "word-count": wordCount,
  levenshtein,
  "is-refusal": isRefusal,
};
