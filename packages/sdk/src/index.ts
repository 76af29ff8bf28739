/**
 * @genchi/sdk — what an app installs: a client that logs calls and feedback without ever
 * blocking, and wrappers that log every OpenAI chat completion and Anthropic message; `generateObject` for typed,
 * validated structured output; `genchiFeedback`, the browser snippet served at `/sdk/feedback.js`.
 */

export type { AnthropicClientLike } from "./anthropic-shapes.js";
export * from "./api/index.js";
export {
  type BrowserFeedback,
  type FeedbackResult,
  type GenchiFeedbackClient,
  type GenchiFeedbackOptions,
  genchiFeedback,
  type Suggestion,
  type SuggestionOptions,
  type SuggestionState,
} from "./browser/genchi-feedback.js";
export { type CallContext, withCallContext } from "./call-context.js";
export { callIdOf } from "./call-id-of.js";
export { type FeedbackInput, Genchi, type GenchiStats } from "./genchi.js";
export type { GenchiOptions } from "./genchi-options.js";
export type { OpenAIClientLike } from "./openai-shapes.js";
export type { LoggedCall } from "./pending-call.js";
export { ChatTransportError, type ChatTransportOptions } from "./structured/chat-transport.js";
export {
  type AdherenceOutcome,
  type GenerateObjectOptions,
  type GenerateObjectResult,
  generateObject,
  type TransportRetry,
} from "./structured/generate-object.js";
export { GenerateObjectError, type GenerateObjectErrorCode } from "./structured/generate-object-error.js";
export type { ObjectAttempt } from "./structured/object-attempt.js";
export type { JsonSchema, ZodLike } from "./structured/object-schema.js";
export { type StructuredCapabilities, structuredCapabilities } from "./structured/provider-capabilities.js";
export { type StrictSchema, strictSchema } from "./structured/strict-schema.js";
export { type StructuredMode, structuredModes } from "./structured/structured-mode.js";
export { transientStatuses } from "./structured/transient-failure.js";
export { uuidv7 } from "./uuid-v7.js";
export { type WrapAnthropicOptions, wrapAnthropic } from "./wrap-anthropic.js";
export { defaultGenchi, type WrapOpenAIOptions, wrapOpenAI } from "./wrap-openai.js";
