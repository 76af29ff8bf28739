/**
 * The LLM judge (`llm-rubric`): the prompt sent to the judge and the parsing of its reply.
 * A reply that is neither a pass nor a fail is an error, never a pass.
 */
import { extractJsonValues } from "./json-assertions.js";

export interface JudgeMessage {
  role: "system" | "user";
  content: string;
}

/**
 * The judge's chat messages for a rubric and an output.
 *
 * @example judgeMessages("is polite", "Hello!")[1].content.includes("is polite") // → true
 */
export function judgeMessages(rubric: string, output: string): JudgeMessage[] {
  return [
    {
      role: "system",
      content:
        'You grade an output against a rubric. Reply with JSON only: {"reason": string, "pass": boolean, "score": number between 0 and 1}.',
    },
    { role: "user", content: `<Output>\n${output}\n</Output>\n<Rubric>\n${rubric}\n</Rubric>` },
  ];
}

export type JudgeVerdict =
  | { type: "verdict"; pass: boolean; score: number; reason: string }
  | { type: "error"; message: string };

/**
 * Parses the judge's reply: a JSON object with a boolean `pass` (or a bare yes/no / pass/fail).
 *
 * @example parseJudgeVerdict('{"pass": true, "reason": "polite"}') // → { type: "verdict", pass: true, … }
 * @example parseJudgeVerdict("maybe?") // → { type: "error", … }
 */
export function parseJudgeVerdict(reply: string): JudgeVerdict {
  for (const value of extractJsonValues(reply)) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) continue;
    const record = value as Record<string, unknown>;
    const pass = toBool(record["pass"]);
    if (pass === null) continue;
    const score = typeof record["score"] === "number" ? record["score"] : pass ? 1 : 0;
    const reason = typeof record["reason"] === "string" ? record["reason"] : "";
    return { type: "verdict", pass, score, reason };
  }
  const bare = toBool(reply.trim().replace(/[.!]$/, ""));
  if (bare !== null) return { type: "verdict", pass: bare, score: bare ? 1 : 0, reason: reply.trim() };
  return {
    type: "error",
    message: `the judge's reply is neither pass nor fail: ${JSON.stringify(reply.slice(0, 200))}`,
  };
}

function toBool(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value !== "string") return null;
  const v = value.trim().toLowerCase();
  if (v === "true" || v === "yes" || v === "pass") return true;
  if (v === "false" || v === "no" || v === "fail") return false;
  return null;
}
