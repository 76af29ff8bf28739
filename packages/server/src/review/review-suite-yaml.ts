/**
 * A route's suite as a genchi eval YAML file: the assertions added from reviewed failures run
 * on every test, and the tests are the route's reviewed calls (their inputs as `input`).
 */
import type { SuiteAssertion } from "@genchi/spec";
import { stringify } from "yaml";

export interface SuiteYamlInput {
  route: string;
  assertions: readonly SuiteAssertion[];
  tests: readonly { description: string; vars: Record<string, unknown> }[];
  /** Provider id, e.g. `openai:chat:gpt-4o-mini`. */
  provider: string;
  apiBaseUrl?: string;
}

/**
 * @example suiteYaml({ route: "categorize", assertions, tests, provider: "openai:chat:gpt-4o-mini" })
 */
export function suiteYaml(input: SuiteYamlInput): string {
  const provider: Record<string, unknown> = { id: input.provider };
  if (input.apiBaseUrl) provider["config"] = { apiBaseUrl: input.apiBaseUrl };
  const config = {
    description: `genchi review suite for route ${input.route}`,
    prompts: ["{{input}}"],
    providers: [provider],
    defaultTest: {
      assert: input.assertions.map((a) => ({
        ...a.assert,
        ...(a.description ? { metric: a.description } : {}),
      })),
    },
    tests: input.tests.map((t) => ({ description: t.description, vars: t.vars })),
  };
  return `# Exported by genchi from reviewed calls; run with: genchi eval ${input.route}.yaml\n${stringify(config)}`;
}
