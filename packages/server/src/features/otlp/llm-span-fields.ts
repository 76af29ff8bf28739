/**
 * What a convention reader (GenAI, OpenInference, Vercel AI SDK) learns from one span,
 * before the fields of all conventions are merged into a Call.
 */
import type { CallInput, ChatMessage } from "@genchi/spec";
import type { OtlpResourceSpans, OtlpSpan } from "./otlp-trace-request.js";

export interface LlmSpanFields {
  provider?: string | undefined;
  requestedModel?: string | undefined;
  model?: string | undefined;
  input?: CallInput | undefined;
  output?: string | ChatMessage | undefined;
  inputTokens?: number | undefined;
  outputTokens?: number | undefined;
  cachedInputTokens?: number | undefined;
  finishReasons?: string[] | undefined;
  operation?: string | undefined;
  responseId?: string | undefined;
  ttftMs?: number | undefined;
  route?: string | undefined;
  userId?: string | undefined;
  sessionId?: string | undefined;
  tags?: string[] | undefined;
  /** Convention-specific leftovers worth keeping in the call's metadata. */
  metadata?: Record<string, unknown> | undefined;
}

/**
 * A convention's reading of a span: `llm` claims it as an LLM call, `not-llm` vetoes it
 * (e.g. the Vercel AI SDK's outer `ai.generateText` span, which would double-count its
 * `doGenerate` child), `unknown` has no opinion.
 */
export interface ConventionReading {
  convention: "gen_ai" | "openinference" | "vercel_ai";
  verdict: "llm" | "not-llm" | "unknown";
  fields: LlmSpanFields;
}

/** A reader of one convention. */
export type ConventionReader = (span: OtlpSpan, resource: OtlpResourceSpans["resource"]) => ConventionReading;
