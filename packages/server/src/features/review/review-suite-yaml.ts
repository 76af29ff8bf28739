/**
 * A route's review export as an eval YAML file that `genchi eval` and promptfoo run alike:
 * the prompt is `{{messages}}` and each test's `vars.messages` is its call's conversation as
 * JSON chat messages (both runners send a rendered JSON list of messages as the chat), each
 * test carries its own assertions, and warnings are comments at the top.
 */
import { stringify } from "yaml";
import type { ExportTest, ExportWarning } from "./review-export.js";

export interface SuiteYamlInput {
  route: string;
  tests: readonly ExportTest[];
  warnings: readonly ExportWarning[];
  /** Reviewed calls left out because nothing checks them. */
  skipped: readonly string[];
  /** Provider id, e.g. `openai:chat:gpt-4o-mini`. */
  provider: string;
  apiBaseUrl?: string;
}

/** The prompt of every exported test: the call's messages, rendered as they were sent. */
export const exportPrompt = "{{messages}}";

/**
 * @example suiteYaml({ route: "categorize", tests, warnings: [], skipped: [], provider: "openai:chat:gpt-4o-mini" })
 */
export function suiteYaml(input: SuiteYamlInput): string {
  const provider: Record<string, unknown> = { id: input.provider };
  if (input.apiBaseUrl) provider["config"] = { apiBaseUrl: input.apiBaseUrl };
  const config = {
    description: `genchi review suite for route ${input.route}`,
    prompts: [exportPrompt],
    providers: [provider],
    tests: input.tests.map((t) => ({
      description: t.description,
      vars: { messages: JSON.stringify(t.messages, null, 2) },
      assert: t.assert,
      metadata: { callId: t.callId },
    })),
  };
  const header = [
    `Exported by genchi from ${input.tests.length} reviewed call(s) of route ${input.route}; run with: genchi eval ${input.route}.yaml (or promptfoo eval -c ${input.route}.yaml)`,
    "Each test is one reviewed call: vars.messages is its conversation as sent (system prompt and earlier turns).",
    `A reviewer's correction is the test's expected output: equals for one short line, similar (cosine >= 0.8) for longer text.`,
    "Each suite assertion sits on the tests where it agrees with the reviewer, and on the call it was proposed from.",
    ...(input.skipped.length ? [`Left out (nothing checks them): ${input.skipped.join(", ")}`] : []),
    ...input.warnings.map((w) => `warning: ${w.message}`),
  ];
  return `${header.map((l) => `# ${l.replace(/\s+/g, " ")}`).join("\n")}\n${stringify(config, { lineWidth: 0, blockQuote: "literal" })}`;
}
