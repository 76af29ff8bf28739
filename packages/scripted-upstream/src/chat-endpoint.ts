/**
 * The small interface each generating endpoint implements (chat completions, Responses,
 * Anthropic messages): validate, read the prompt, build the JSON reply or the stream events.
 */
import type { PromptText } from "./prompt-text.js";
import type { ScriptedAnswer } from "./scripted-answer.js";
import type { SseEvent } from "./sse-events.js";

export type Dialect = "openai" | "anthropic";

/** A request problem, answered as a provider error. */
export interface RequestProblem {
  status: number;
  message: string;
  param?: string | null;
  code?: string | null;
}

export interface ChatEndpoint {
  dialect: Dialect;
  validate(body: Record<string, unknown>): RequestProblem | null;
  requestedModel(body: Record<string, unknown>): string;
  prompt(body: Record<string, unknown>): PromptText;
  wantsJson(body: Record<string, unknown>): boolean;
  wantsStream(body: Record<string, unknown>): boolean;
  toolCallId(): string;
  complete(answer: ScriptedAnswer, body: Record<string, unknown>): unknown;
  stream(answer: ScriptedAnswer, body: Record<string, unknown>): SseEvent[];
}
