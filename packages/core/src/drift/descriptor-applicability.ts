/**
 * Which descriptors apply to a side's texts. A field is JSON when at least half of its
 * non-empty texts on either side parse as a JSON object or array, XML when at least half start
 * with "<", prose otherwise. JSON descriptors are compared on JSON fields, `xml_valid` on XML
 * fields, natural-language descriptors (language, casing, typos, fragments, non-letter share)
 * on prose only; lengths everywhere. The rest is skipped, with the shares that decided it.
 */
import type { DriftSide, DriftSkip } from "@genchi/spec";
import type { DescriptorFamily, TextDescriptor } from "./text-descriptors.js";

/** A field is JSON (or XML) from this share of its texts on one side. */
export const structuredFieldShare = 0.5;

export interface FieldShares {
  baselineJsonShare: number;
  currentJsonShare: number;
  baselineXmlShare: number;
  currentXmlShare: number;
}

const jsonStart = /^\s*[[{]/;
const xmlStart = /^\s*</;

function sharesOf(texts: readonly string[]): { json: number; xml: number } {
  let nonEmpty = 0;
  let json = 0;
  let xml = 0;
  for (const text of texts) {
    if (text.trim() === "") continue;
    nonEmpty++;
    if (xmlStart.test(text)) xml++;
    else if (jsonStart.test(text) && parsesAsObjectOrArray(text)) json++;
  }
  return nonEmpty === 0 ? { json: 0, xml: 0 } : { json: json / nonEmpty, xml: xml / nonEmpty };
}

function parsesAsObjectOrArray(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object";
  } catch {
    return false;
  }
}

/**
 * Shares of non-empty texts that are JSON objects or arrays, and that start with "<".
 *
 * @example fieldShares(['{"a":1}', "hi"], ["[1]"]) // → { baselineJsonShare: 0.5, currentJsonShare: 1, … }
 */
export function fieldShares(baseline: readonly string[], current: readonly string[]): FieldShares {
  const b = sharesOf(baseline);
  const c = sharesOf(current);
  return {
    baselineJsonShare: b.json,
    currentJsonShare: c.json,
    baselineXmlShare: b.xml,
    currentXmlShare: c.xml,
  };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * Which descriptors of `descriptors` are compared on a side, and the skipped ones with their reason.
 *
 * @example applicableDescriptors("output", textDescriptors, fieldShares(jsonOutputs, jsonOutputs)).skipped.map((s) => s.descriptor) // → ["xml_valid", "casing", …, "language"]
 */
export function applicableDescriptors(
  side: DriftSide,
  descriptors: readonly TextDescriptor[],
  shares: FieldShares,
): { compared: TextDescriptor[]; skipped: DriftSkip[] } {
  const isJson = Math.max(shares.baselineJsonShare, shares.currentJsonShare) >= structuredFieldShare;
  const isXml = Math.max(shares.baselineXmlShare, shares.currentXmlShare) >= structuredFieldShare;
  const field = isJson ? "json" : isXml ? "xml" : "prose";
  const json = `${pct(shares.baselineJsonShare)} of baseline and ${pct(shares.currentJsonShare)} of current texts parse as a JSON object or array`;
  const xml = `${pct(shares.baselineXmlShare)} of baseline and ${pct(shares.currentXmlShare)} of current texts start with "<"`;
  const need = `needs ≥ ${pct(structuredFieldShare)} on one side`;
  const reasons: Record<DescriptorFamily, string | undefined> = {
    length: undefined,
    json: isJson ? undefined : `${isXml ? "XML" : "prose"}, not JSON: ${json} (${need})`,
    xml: isXml ? undefined : `${isJson ? "JSON" : "prose"}, not XML: ${xml} (${need})`,
    prose:
      isJson || isXml
        ? `${isJson ? "JSON" : "XML"}, not prose: ${isJson ? json : xml} (natural-language descriptors apply when neither side is mostly JSON or XML)`
        : undefined,
  };
  const compared: TextDescriptor[] = [];
  const skipped: DriftSkip[] = [];
  for (const descriptor of descriptors) {
    const reason = reasons[descriptor.family];
    if (reason === undefined) compared.push(descriptor);
    else skipped.push({ side, descriptor: descriptor.name, reason, field, ...shares });
  }
  return { compared, skipped };
}
