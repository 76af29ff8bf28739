/**
 * One wrapped `chat.completions.create` call in flight: it knows the request and the start
 * time, and logs exactly one Call when the result, the error or the end of the stream arrives.
 */
import type { CallIn } from "@genchi/spec";
import type { CallContext } from "./call-context.js";
import type { ChatStreamAccumulator } from "./chat-stream-accumulator.js";
import type { ChatCompletionLike, ChatCreateParamsLike } from "./openai-shapes.js";
import { usageFromOpenAI } from "./openai-usage.js";
import { uuidv7 } from "./uuid-v7.js";

/** A call as the wrapper logs it: always with an id. */
export type LoggedCall = CallIn & { id: string };

type CallFields = Omit<Partial<CallIn>, "id">;

const maxErrorLength = 10_000;

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.length > maxErrorLength ? text.slice(0, maxErrorLength) : text;
}

function contextFields(context: CallContext): CallFields {
  const fields: CallFields = {};
  if (context.route !== undefined) fields.route = context.route;
  if (context.userId !== undefined) fields.userId = context.userId;
  if (context.sessionId !== undefined) fields.sessionId = context.sessionId;
  if (context.promptVersion !== undefined) fields.promptVersion = context.promptVersion;
  if (context.tags !== undefined) fields.tags = [...context.tags];
  if (context.metadata !== undefined) fields.metadata = { ...context.metadata };
  return fields;
}

export class PendingOpenAICall {
  readonly id = uuidv7();
  private readonly started = performance.now();
  private readonly timestamp = new Date().toISOString();
  private readonly base: LoggedCall;
  private ttftMs: number | null = null;
  private logged = false;

  constructor(
    params: ChatCreateParamsLike,
    context: CallContext,
    private readonly sink: (call: LoggedCall) => void,
  ) {
    // A copy of the message list: apps often push the reply onto the same array afterwards.
    const input = Array.isArray(params.messages) ? [...params.messages] : "";
    this.base = {
      id: this.id,
      timestamp: this.timestamp,
      source: "sdk",
      provider: "openai",
      requestedModel: typeof params.model === "string" ? params.model : null,
      input: input as CallIn["input"],
      ...contextFields(context),
    };
  }

  private elapsed(): number {
    return Math.round((performance.now() - this.started) * 1000) / 1000;
  }

  /** Notes the first content chunk of a stream. */
  firstToken(): void {
    if (this.ttftMs === null) this.ttftMs = this.elapsed();
  }

  completed(completion: ChatCompletionLike): void {
    const choice = Array.isArray(completion?.choices) ? completion.choices[0] : undefined;
    this.log({
      model: typeof completion?.model === "string" ? completion.model : null,
      output: (choice?.message ?? null) as CallIn["output"],
      status: "ok",
      usage: usageFromOpenAI(completion?.usage),
      finishReason: choice?.finish_reason ?? null,
    });
  }

  failed(error: unknown): void {
    this.log({ model: null, output: null, status: "error", error: errorText(error) });
  }

  /**
   * A stream ended: read to the end, stopped by the caller (`return`) or broken (`error`).
   * A stream without a finish reason was cut short and is logged as an error, with the partial output.
   */
  streamEnded(acc: ChatStreamAccumulator, how: "done" | "return" | "error", error?: unknown): void {
    let failure: string | null = null;
    if (how === "error") failure = errorText(error);
    else if (acc.finishReason === null) {
      failure =
        how === "return"
          ? `aborted: the caller stopped reading the stream after ${acc.chunks} chunk(s)`
          : `aborted: the stream ended after ${acc.chunks} chunk(s) without a finish reason`;
    }
    this.log({
      model: acc.model,
      output: acc.message(),
      status: failure === null ? "ok" : "error",
      error: failure,
      usage: acc.usage,
      finishReason: acc.finishReason,
    });
  }

  /** Logs once. Unknown usage is left out (not `null`) so that the server counts the tokens itself. */
  private log(fields: CallFields): void {
    if (this.logged) return;
    this.logged = true;
    const call: LoggedCall = { ...this.base, ...fields, latencyMs: this.elapsed(), ttftMs: this.ttftMs };
    if (call.usage === null || call.usage === undefined) delete call.usage;
    this.sink(call);
  }
}
