/**
 * One wrapped provider call in flight, whatever the provider: it knows the request and the
 * start time, and logs exactly one Call when the result, the error or the end of the stream
 * arrives. Provider wrappers (OpenAI, Anthropic) only say how to read their shapes.
 */
import type { StreamFold } from "@genchi/core/dialects";
import type { CallIn, Usage } from "@genchi/spec";
import type { CallContext } from "./call-context.js";
import { uuidv7 } from "./uuid-v7.js";

/** A call as the wrapper logs it: always with an id. */
export type LoggedCall = CallIn & { id: string };

type CallFields = Omit<Partial<CallIn>, "id">;

/** What a stream's chunks or events add up to: a dialect's stream fold (`@genchi/core/dialects`). */
export type StreamAccumulator = StreamFold;

/** What a finished (non-streaming) response says. */
export interface ResponseFields {
  model: string | null;
  output: CallIn["output"];
  usage: Usage | null;
  finishReason: string | null;
}

/** What the wrapper knows of the request before it is sent. */
export interface RequestFields {
  provider: string;
  requestedModel: string | null;
  input: CallIn["input"];
}

const maxErrorLength = 10_000;

/** A count a provider sent negative is unknown (the dialects pass it on as sent). */
const known = (n: number | null | undefined) => (typeof n === "number" && n >= 0 ? n : null);

function knownCounts(usage: Usage): Usage {
  const out: Usage = { inputTokens: known(usage.inputTokens), outputTokens: known(usage.outputTokens) };
  if (usage.cachedInputTokens !== undefined) out.cachedInputTokens = known(usage.cachedInputTokens);
  return out;
}

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

export class PendingCall {
  readonly id = uuidv7();
  private readonly started = performance.now();
  private readonly timestamp = new Date().toISOString();
  private readonly base: LoggedCall;
  private ttftMs: number | null = null;
  private logged = false;

  constructor(
    request: RequestFields,
    context: CallContext,
    private readonly sink: (call: LoggedCall) => void,
  ) {
    this.base = {
      id: this.id,
      timestamp: this.timestamp,
      source: "sdk",
      ...request,
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

  /** A non-streaming response arrived. */
  finished(response: ResponseFields): void {
    this.log({ ...response, status: "ok" });
  }

  failed(error: unknown): void {
    this.log({ model: null, output: null, status: "error", error: errorText(error) });
  }

  /**
   * A stream ended: read to the end, stopped by the caller (`return`) or broken (`error`).
   * A stream without a finish reason was cut short and is logged as an error, with the partial output.
   */
  streamEnded(acc: StreamAccumulator, how: "done" | "return" | "error", error?: unknown): void {
    const read = acc.result();
    let failure: string | null = null;
    if (how === "error") failure = errorText(error);
    else if (read.finishReason === null) {
      failure =
        how === "return"
          ? `aborted: the caller stopped reading the stream after ${acc.chunks} chunk(s)`
          : `aborted: the stream ended after ${acc.chunks} chunk(s) without a finish reason`;
    }
    this.log({
      model: read.model,
      output: read.output,
      status: failure === null ? "ok" : "error",
      error: failure,
      usage: read.usage,
      finishReason: read.finishReason,
    });
  }

  /** Logs once. Unknown usage is left out (not `null`) so that the server counts the tokens itself. */
  private log(fields: CallFields): void {
    if (this.logged) return;
    this.logged = true;
    const call: LoggedCall = { ...this.base, ...fields, latencyMs: this.elapsed(), ttftMs: this.ttftMs };
    if (call.usage === null || call.usage === undefined) delete call.usage;
    else call.usage = knownCounts(call.usage);
    this.sink(call);
  }
}
