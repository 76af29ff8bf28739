/**
 * A reply reduced to what every provider shape needs: text, tool calls, finish reason,
 * served model and usage. Without a scripted reply it is an echo of the last user message.
 */
import type { PromptText } from "./prompt-text.js";
import type { ContentReply } from "./scripted-reply.js";
import { servedModel } from "./served-model.js";

export interface AnswerToolCall {
  id: string;
  name: string;
  /** JSON text. */
  arguments: string;
}

export interface ScriptedAnswer {
  text: string | null;
  toolCalls: AnswerToolCall[];
  finish: "stop" | "length" | "tool_calls";
  model: string;
  usage: { inputTokens: number; outputTokens: number; cachedInputTokens: number };
  chunkDelayMs: number;
  cutAfterChunks: number | undefined;
}

/**
 * A deterministic token count: about four characters a token.
 *
 * @example estimateTokens("Hello there") // → 3
 */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

export interface AnswerContext {
  requestedModel: string;
  prompt: PromptText;
  /** The request asked for JSON output (`response_format` / `text.format`). */
  wantsJson: boolean;
  /** Makes a tool call id in the provider's style (`call_…`, `toolu_…`). */
  toolCallId: () => string;
  chunkDelayMs: number;
}

/**
 * Resolves a scripted reply (or the default echo) against a request.
 *
 * @example resolveAnswer(undefined, ctx).text // → "echo: <last user message>"
 */
export function resolveAnswer(reply: ContentReply | undefined, ctx: AnswerContext): ScriptedAnswer {
  let text: string | null;
  let toolCalls: AnswerToolCall[] = [];
  if (reply === undefined) {
    const echo = `echo: ${ctx.prompt.lastUser}`;
    text = ctx.wantsJson ? JSON.stringify({ echo: ctx.prompt.lastUser }) : echo;
  } else if (reply.type === "text") {
    text = reply.text;
  } else if (reply.type === "json") {
    text = JSON.stringify(reply.value);
  } else {
    text = reply.text ?? null;
    toolCalls = reply.toolCalls.map((c) => ({
      id: c.id ?? ctx.toolCallId(),
      name: c.name,
      arguments: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments),
    }));
  }
  const outputText = (text ?? "") + toolCalls.map((c) => c.name + c.arguments).join("");
  const inputTokens = ctx.prompt.parts.reduce((n, part) => n + estimateTokens(part) + 4, 3);
  const finish = reply?.finishReason === "length" ? "length" : toolCalls.length > 0 ? "tool_calls" : "stop";
  return {
    text,
    toolCalls,
    finish,
    model: reply?.model ?? servedModel(ctx.requestedModel),
    usage: {
      inputTokens: reply?.usage?.inputTokens ?? inputTokens,
      outputTokens: reply?.usage?.outputTokens ?? Math.max(1, estimateTokens(outputText)),
      cachedInputTokens: reply?.usage?.cachedInputTokens ?? 0,
    },
    chunkDelayMs: reply?.chunkDelayMs ?? ctx.chunkDelayMs,
    cutAfterChunks: reply?.cutAfterChunks,
  };
}

/**
 * Splits text the way a model streams it: a word with its leading space per piece.
 *
 * @example textPieces("Hello big world") // → ["Hello", " big", " world"]
 */
export function textPieces(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/**
 * Splits JSON arguments into a few stream deltas.
 *
 * @example argumentPieces('{"city":"Paris"}') // → ['{"city"', ':"Paris', '"}']
 */
export function argumentPieces(args: string, size = 7): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < args.length; i += size) pieces.push(args.slice(i, i + size));
  return pieces;
}
