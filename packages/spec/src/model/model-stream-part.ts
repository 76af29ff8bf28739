/** One piece of a streamed model answer. */
import type { ModelResponse } from "./model-response.js";

export type ModelStreamPart =
  | { type: "text-delta"; text: string }
  | { type: "tool-call-delta"; index: number; id?: string; name?: string; argumentsDelta: string }
  /** The last part: the whole answer, as `complete` would have returned it. */
  | { type: "finish"; response: ModelResponse };
