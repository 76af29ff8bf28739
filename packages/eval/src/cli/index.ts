/**
 * @genchi/eval/cli — the eval command and what other genchi commands share with it: the
 * client of a genchi server (uploads, datasets, stored runs) and the lean entry `evalMain`.
 */

export type { GenchiApi } from "@genchi/sdk";
export { datasetRefs, fetchDatasetTests, itemToTest } from "./dataset-tests.js";
export { evalCommand, parseRate } from "./eval-command.js";
export { evalMain } from "./eval-main.js";
export { EvalUploader, type EvalUploadOptions } from "./eval-upload.js";
export { type GenchiTarget, genchiRequest, targetOf, withGenchi } from "./genchi-client.js";
export { runResults } from "./stored-run-results.js";
