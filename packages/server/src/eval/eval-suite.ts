/** The loaded eval suite: genchi's YAML (the promptfoo subset of CONTRACT.md) after resolving files. */
import type { AssertionSpec } from "@genchi/core/eval";

export interface ProviderSpec {
  /** e.g. `openai:chat:gpt-4o-mini`, `anthropic:messages:claude-…`, `genchi:gpt-4o-mini`. */
  id: string;
  label: string;
  config: {
    apiBaseUrl?: string;
    apiKey?: string;
    temperature?: number;
    max_tokens?: number;
    response_format?: unknown;
    [key: string]: unknown;
  };
}

export interface TestOptions {
  repeat?: number;
  /** Judge / embedding provider (promptfoo's `options.provider`). */
  provider?: unknown;
}

export interface TestCase {
  description: string | undefined;
  vars: Record<string, unknown>;
  assert: AssertionSpec[];
  options: TestOptions;
  /** Test-level pass threshold on the weighted score (promptfoo's `threshold`). */
  threshold: number | undefined;
}

export interface EvalSuite {
  description: string;
  /** Where the config was read from; relative paths resolve against its folder. */
  path: string;
  prompts: { raw: string; label: string }[];
  providers: ProviderSpec[];
  tests: TestCase[];
  maxConcurrency: number | undefined;
  repeat: number;
}
