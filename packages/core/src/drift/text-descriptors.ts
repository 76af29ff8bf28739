/**
 * The text descriptors a drift report compares, by stable name. Each is numeric or categorical;
 * `language` is the slow one and is computed on a seeded sample (see `structuralDrift`).
 */
import type { DriftDescriptor } from "@genchi/spec";
import { countTextTokens } from "../tokens/count-tokens.js";
import { casing, nonLetterShare, wordCount } from "./casing.js";
import { detectLanguage } from "./detect-language.js";
import { fragmentRate } from "./fragment-rate.js";
import { jsonShape } from "./json-shape.js";
import { typoRate } from "./typo-rate.js";
import { xmlValid } from "./xml-valid.js";

export type DescriptorKind = "numeric" | "categorical";

/**
 * What a descriptor measures, and so on which texts it means something: `length` on any text,
 * `json` on JSON fields, `xml` on XML fields, `prose` (natural language) on the others.
 */
export type DescriptorFamily = "length" | "json" | "xml" | "prose";

export interface TextDescriptor {
  name: DriftDescriptor;
  kind: DescriptorKind;
  family: DescriptorFamily;
  /** Computed on a seeded sample of at most this many texts per side (slow descriptors). */
  sampleLimit?: number;
}

export const textDescriptors: readonly TextDescriptor[] = [
  { name: "char_length", kind: "numeric", family: "length" },
  { name: "token_count", kind: "numeric", family: "length" },
  { name: "word_count", kind: "numeric", family: "length" },
  { name: "json_valid", kind: "categorical", family: "json" },
  { name: "json_type", kind: "categorical", family: "json" },
  { name: "json_keys", kind: "categorical", family: "json" },
  { name: "xml_valid", kind: "categorical", family: "xml" },
  { name: "casing", kind: "categorical", family: "prose" },
  { name: "non_letter_share", kind: "numeric", family: "prose" },
  { name: "typo_rate", kind: "numeric", family: "prose" },
  { name: "fragment_rate", kind: "numeric", family: "prose" },
  { name: "language", kind: "categorical", family: "prose", sampleLimit: 1_000 },
];

export type DescriptorValues = Record<DriftDescriptor, number | string>;

/** Characters beyond this are not tokenized: the token count is extrapolated (keeps big outputs fast). */
const tokenizeChars = 4_000;

function tokenCount(text: string): number {
  if (text.length <= tokenizeChars) return countTextTokens(text);
  return Math.round((countTextTokens(text.slice(0, tokenizeChars)) * text.length) / tokenizeChars);
}

/**
 * Every descriptor of one text except `language` (which costs ~0.1 ms; see `detectLanguage`).
 *
 * @example describeText('{"a":1}').json_type // → "object"
 */
export function describeText(text: string): Omit<DescriptorValues, "language"> {
  const json = jsonShape(text);
  return {
    char_length: text.length,
    token_count: tokenCount(text),
    word_count: wordCount(text),
    json_valid: String(json.valid),
    json_type: json.type,
    json_keys: json.keys,
    xml_valid: String(xmlValid(text)),
    casing: casing(text),
    non_letter_share: nonLetterShare(text),
    typo_rate: typoRate(text),
    fragment_rate: fragmentRate(text),
  };
}

export { detectLanguage };
