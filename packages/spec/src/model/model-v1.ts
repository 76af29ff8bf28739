/**
 * The versioned "call a model" interface every model-calling piece (eval providers, tools)
 * implements: `complete` for one answer, `stream` for its parts. A new version stands beside
 * this one; this one does not change.
 */
import type { ModelCapabilities } from "./model-capabilities.js";
import type { ModelRequest } from "./model-request.js";
import type { ModelResponse } from "./model-response.js";
import type { ModelStreamPart } from "./model-stream-part.js";

/** Per-call options that are not part of the request (the request is what is cached). */
export interface ModelCallOptions {
  /** false: ask the model even when a cache holds the answer (repeats). Default true. */
  cache?: boolean | undefined;
}

/** What `complete` adds to the response: how the call went. */
export interface ModelCompletion extends ModelResponse {
  latencyMs: number;
  /** Answered from a cache, not the model. */
  cached: boolean;
}

/**
 * @example
 * const model: ModelV1 = httpModel(...);
 * const answer = await model.complete({ model: model.modelId, messages: [{ role: "user", content: "hi" }] });
 */
export interface ModelV1 {
  readonly specificationVersion: "v1";
  /** Who serves it: `openai`, `anthropic`, `genchi` (the gateway). */
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities: ModelCapabilities;
  complete(request: ModelRequest, options?: ModelCallOptions): Promise<ModelCompletion>;
  stream(request: ModelRequest, options?: ModelCallOptions): AsyncIterable<ModelStreamPart>;
}
