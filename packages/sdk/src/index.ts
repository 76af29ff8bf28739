/**
 * @genchi/sdk — what an app installs: a client that logs calls and feedback without ever
 * blocking, and a wrapper that logs every OpenAI chat completion.
 */
export { type CallContext, withCallContext } from "./call-context.js";
export { callIdOf } from "./call-id-of.js";
export { type FeedbackInput, Genchi, type GenchiStats } from "./genchi.js";
export type { GenchiOptions } from "./genchi-options.js";
export type { OpenAIClientLike } from "./openai-shapes.js";
export type { LoggedCall } from "./pending-openai-call.js";
export { uuidv7 } from "./uuid-v7.js";
export { defaultGenchi, type WrapOpenAIOptions, wrapOpenAI } from "./wrap-openai.js";
