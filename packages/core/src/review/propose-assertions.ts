/**
 * From a reviewed failure to assertions that would catch it: code checks genchi can derive
 * (regex, contains / not-contains, JSON schema from the expected shape, length bounds) and an
 * LLM-judge rubric phrased from the reviewer's note, with the failure as a negative example.
 */
import type { AssertionProposal } from "@genchi/spec";

export interface FailureToCatch {
  /** The output the reviewer failed. */
  output: string;
  /** The reviewer's correction (what it should have said), if any. */
  correction?: string | null;
  note?: string | null;
  /** Outputs of the same route reviewers passed: they bound lengths when there is no correction. */
  passedOutputs?: readonly string[];
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const words = (s: string) => s.match(/[\p{L}\p{N}][\p{L}\p{N}'_-]{2,}/gu) ?? [];
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

function parseJson(text: string | null | undefined): unknown {
  if (!text) return undefined;
  const t = text.trim();
  if (!t.startsWith("{") && !t.startsWith("[")) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A JSON schema of a value's shape: types, the keys objects require, arrays' item shape.
 *
 * @example schemaOf({ label: "billing" }) // → { type: "object", required: ["label"], properties: { label: { type: "string" } } }
 */
export function schemaOf(value: unknown): Record<string, unknown> {
  if (value === null) return { type: "null" };
  if (Array.isArray(value))
    return value.length ? { type: "array", items: schemaOf(value[0]) } : { type: "array" };
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return {
      type: "object",
      required: entries.map(([k]) => k),
      properties: Object.fromEntries(entries.map(([k, v]) => [k, schemaOf(v)])),
    };
  }
  if (typeof value === "number") return { type: Number.isInteger(value) ? "integer" : "number" };
  return { type: typeof value };
}

/** Quoted phrases in a note ("…", '…', «…», `…`): what a reviewer says must (not) appear. */
function quoted(note: string | null | undefined): string[] {
  if (!note) return [];
  return [...note.matchAll(/["'`«“]([^"'`»”]{2,80})["'`»”]/g)].map((m) => m[1]!);
}

/** A javascript length check, written the way `judgeProposal` reads it back. */
export function lengthCheck(min: number, max: number): string {
  return `output.length >= ${min} && output.length <= ${max}`;
}

/**
 * Proposes assertions that fail `failure.output` (where the data allows) and pass its correction.
 *
 * @example proposeAssertions({ output: "I cannot help", correction: "billing", note: "refused" })
 */
export function proposeAssertions(failure: FailureToCatch): AssertionProposal[] {
  const out: AssertionProposal[] = [];
  const output = failure.output;
  const correction = failure.correction?.trim() ? failure.correction.trim() : null;
  const lowerOut = output.toLowerCase();

  if (correction && !correction.includes("\n") && correction.length <= 80) {
    out.push({
      kind: "regex",
      description: `output is exactly "${clip(correction, 40)}" (spaces around allowed)`,
      assert: { type: "regex", value: `^\\s*${escapeRegex(correction)}\\s*$` },
    });
  } else if (correction) {
    const first = words(correction)[0];
    if (first)
      out.push({
        kind: "regex",
        description: `output starts like the correction ("${first}")`,
        assert: { type: "regex", value: `^\\s*${escapeRegex(first)}` },
      });
  }

  if (correction) {
    const missing = words(correction).find((w) => !lowerOut.includes(w.toLowerCase()));
    const phrase = correction.length <= 40 ? correction : missing;
    if (phrase)
      out.push({
        kind: "contains",
        description: `output contains "${clip(phrase, 40)}"`,
        assert: { type: "contains", value: phrase },
      });
  }

  const lowerCorrection = correction?.toLowerCase() ?? "";
  const fromNote = quoted(failure.note).find(
    (q) => lowerOut.includes(q.toLowerCase()) && !lowerCorrection.includes(q.toLowerCase()),
  );
  const extra = words(output).find((w) => correction !== null && !lowerCorrection.includes(w.toLowerCase()));
  const banned = fromNote ?? extra;
  if (banned)
    out.push({
      kind: "not-contains",
      description: `output does not contain "${clip(banned, 40)}"`,
      assert: { type: "not-contains", value: banned },
    });

  const expectedJson = parseJson(correction);
  if (expectedJson !== undefined && typeof expectedJson === "object") {
    out.push({
      kind: "json-schema",
      description: "output is JSON of the expected shape",
      assert: { type: "is-json", value: schemaOf(expectedJson) },
    });
  }

  const lengths = correction ? [correction.length] : (failure.passedOutputs ?? []).map((o) => o.length);
  if (lengths.length > 0) {
    const min = Math.floor(Math.min(...lengths) * 0.5);
    const max = Math.ceil(Math.max(...lengths) * 1.5) + 1;
    out.push({
      kind: "length",
      description: `output is ${min}–${max} characters long`,
      assert: { type: "javascript", value: lengthCheck(min, max) },
    });
  }

  const note = failure.note?.trim();
  if (note) {
    out.push({
      kind: "llm-rubric",
      description: `judge: ${clip(note, 60)}`,
      assert: {
        type: "llm-rubric",
        value: `The output must avoid this failure a reviewer found: ${note}. Example of a failing output: """${clip(output, 500)}"""`,
      },
    });
  }
  return out;
}
