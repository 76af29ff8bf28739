/**
 * @genchi/scripted-upstream — the project's own scripted OpenAI/Anthropic-compatible server,
 * used by tests and benchmarks in place of the paid APIs.
 */
export type { RecordedRequest } from "./recorded-request.js";
export { estimateTokens } from "./scripted-answer.js";
export type {
  ContentReply,
  DisconnectReply,
  ErrorReply,
  JsonReply,
  ScriptedReply,
  ScriptedToolCall,
  TextReply,
  ToolCallsReply,
} from "./scripted-reply.js";
export { servedModel } from "./served-model.js";
export { parseSse, type SseEvent } from "./sse-events.js";
export {
  type ScriptedUpstream,
  type ScriptedUpstreamOptions,
  startScriptedUpstream,
} from "./start-scripted-upstream.js";
