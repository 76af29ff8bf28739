/**
 * @genchi/eval — the eval engine: promptfoo-style configs (YAML, prompts files, CSV/JSONL
 * tests, datasets from genchi), providers over HTTP with a response cache, the runner (tests ×
 * prompts × providers × repeats), assertions that need I/O, and the outputs (table, JSON,
 * JUnit, run comparison). The `genchi-eval` command is in `@genchi/eval/cli`. No native
 * dependencies: a CI job installs it in seconds.
 */
export { compareEvalRuns, type EvalComparison, type Flip, readEvalResults } from "./compare-eval-runs.js";
export { EvalAggregate } from "./eval-aggregate.js";
export { configError, configProblem } from "./eval-config-error.js";
export { type Completion, createProvider, type EvalProvider, embed, openAiBaseUrl } from "./eval-provider.js";
export type { EvalSuite, ProviderSpec, TestCase, TestOptions } from "./eval-suite.js";
export { formatEvalFailures } from "./format-eval-failures.js";
export { formatEvalTable, table } from "./format-eval-table.js";
export { createHttpClient, type HttpClient, type HttpClientOptions, type HttpResult } from "./http-client.js";
export { evalAssertions, type IoAssertionOptions, schemaChecker } from "./io-assertions.js";
export { type LoadEvalConfigOptions, loadEvalConfig } from "./load-eval-config.js";
export { expectedToAssertion } from "./load-test-file.js";
export { renderTemplate } from "./render-template.js";
export { type EvalRunSummary, type RunEvalOptions, repeatsOf, runEval } from "./run-eval.js";
export { closeJavascriptSandbox, prepareJavascriptSandbox } from "./run-javascript-assertion.js";
export { writeEvalJson, writeJunit } from "./write-eval-outputs.js";
