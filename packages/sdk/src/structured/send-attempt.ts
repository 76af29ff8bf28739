/**
 * One attempt of `generateObject` on the wire: sends the request and, after a transient
 * failure (429, 5xx, a dropped connection), sends it again after a back-off, at most
 * `maxTransportRetries` times. Every try is its own logged call; only the last can be final.
 */
import type { ChatCompletionLike } from "../openai-shapes.js";
import type { PendingOpenAICall } from "../pending-openai-call.js";
import type { ChatTransport } from "./chat-transport.js";
import { GenerateObjectError } from "./generate-object-error.js";
import type { ObjectAttempt } from "./object-attempt.js";
import { type RetryTiming, transientDelayMs, transientFailure } from "./transient-failure.js";

/** One try's call, in flight, and how to log it once its fate is known. */
export interface LoggedTry {
  pending: PendingOpenAICall;
  /** Logs the call with these `metadata.structured` fields. */
  log(fields: Record<string, unknown>): void;
}

/** One transport retry, as `onTransportRetry` hears of it. */
export interface TransportRetry {
  /** The generation's id (`metadata.structured.generation` on its calls). */
  generation: string;
  /** The attempt (1 for the first ask, 2 for the first re-ask, …). */
  attempt: number;
  /** 1 for the first retry of this attempt's request. */
  retry: number;
  /** The logged call of the try that failed. */
  callId: string;
  /** The HTTP status, or null for a connection error. */
  status: number | null;
  /** The wait before the retry: `retry-after` when the response gave one, else the back-off. */
  delayMs: number;
  error: unknown;
}

export interface SendAttempt {
  send: ChatTransport;
  body: Record<string, unknown>;
  generation: string;
  attempt: number;
  /** The attempts so far, for the error. */
  attempts: readonly ObjectAttempt[];
  maxTransportRetries: number;
  timing: RetryTiming;
  /** Starts the logged call of try number `transportRetry` (0 for the first). */
  startTry(transportRetry: number): LoggedTry;
  onTransportRetry?: ((retry: TransportRetry) => void) | undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Resolves with the completion and the try that got it; throws `GENCHI_UPSTREAM` on a
 * non-transient failure or when the transport retries run out (that try logged as final).
 *
 * @example const { completion, tried } = await sendAttempt({ send, body, attempt: 1, … })
 */
export async function sendAttempt(
  input: SendAttempt,
): Promise<{ completion: ChatCompletionLike; tried: LoggedTry }> {
  for (let transportRetry = 0; ; transportRetry++) {
    const tried = input.startTry(transportRetry);
    try {
      return { completion: await input.send(input.body), tried };
    } catch (error) {
      tried.pending.failed(error);
      const transient = transientFailure(error);
      const retrying = transient !== null && transportRetry < input.maxTransportRetries;
      tried.log({
        valid: false,
        transient: transient !== null,
        final: !retrying,
        ...(retrying ? {} : { outcome: "error" }),
      });
      if (!retrying) {
        const after = transportRetry > 0 ? ` after ${transportRetry} transport retries` : "";
        throw new GenerateObjectError(
          "GENCHI_UPSTREAM",
          `generateObject: the model call failed on attempt ${input.attempt}${after}: ${errorText(error)}`,
          input.attempts,
          { cause: error },
        );
      }
      const delayMs = transientDelayMs(transient, transportRetry + 1, input.timing);
      try {
        input.onTransportRetry?.({
          generation: input.generation,
          attempt: input.attempt,
          retry: transportRetry + 1,
          callId: tried.pending.id,
          status: transient.status,
          delayMs,
          error,
        });
      } catch {
        // the app's hook must not break the generation
      }
      await sleep(delayMs);
    }
  }
}
