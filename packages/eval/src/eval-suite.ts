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
  /** Text put before / after every prompt of the test. */
  prefix?: string | undefined;
  suffix?: string | undefined;
  /** Leave out defaultTest's assertions. */
  disableDefaultAsserts?: boolean;
  /** Keep list vars as lists (no one-test-per-value expansion). */
  disableVarExpansion?: boolean;
  /** JavaScript over `output` applied before every assertion (promptfoo's `options.transform`). */
  transform?: string;
  /** The older name of `transform`. */
  postprocess?: string;
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
  /** `evaluateOptions.cache`: false reads and writes no response cache. */
  cache?: boolean | undefined;
  /** `evaluateOptions.showProgressBar`. */
  showProgressBar?: boolean | undefined;
  /** promptfoo's `outputPath` (genchi's results JSON), used when `--output` is not given. */
  outputPaths?: string[];
  /** promptfoo's `env`: variables that override the environment for providers and judges. */
  env?: Record<string, string>;
}
