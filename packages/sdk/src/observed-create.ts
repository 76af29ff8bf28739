/**
 * What every client wrapper does around the SDK's `create`: logs to genchi (and the app's own
 * hook, whose errors never reach the app's call), runs the original, and settles the pending
 * call when the result settles — a stream through its dialect's fold, a whole answer through
 * `finish`. The wrappers differ only in how they read the request and the answer.
 */
import { rememberCallId } from "./call-id-of.js";
import type { Genchi } from "./genchi.js";
import { instrumentStream } from "./instrument-stream.js";
import { observeResult } from "./observe-result.js";
import type { LoggedCall, PendingCall, StreamAccumulator } from "./pending-call.js";

/** Where a wrapper's calls go: `genchi.log`, then the app's `onCall` (guarded). */
export function loggingSink(genchi: Genchi, onCall?: (call: LoggedCall) => void): (call: LoggedCall) => void {
  return (call) => {
    genchi.log(call);
    if (onCall) {
      try {
        onCall(call);
      } catch {
        // the app's hook must not break the app's call
      }
    }
  };
}

/**
 * Runs `call` for `pending` and returns its result untouched; a synchronous throw is logged and
 * rethrown.
 *
 * @example return observedCreate(pending, () => create.apply(this, args), params.stream === true, () => openaiChat.streamFold(), (v) => pending.completed(v))
 */
export function observedCreate(
  pending: PendingCall,
  call: () => unknown,
  streaming: boolean,
  fold: () => StreamAccumulator,
  finish: (value: unknown) => void,
): unknown {
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    pending.failed(error);
    throw error;
  }
  rememberCallId(result, pending.id);
  observeResult(result, {
    value: (value) => {
      rememberCallId(value, pending.id);
      if (streaming && instrumentStream(value, pending, fold)) return;
      finish(value);
    },
    error: (error) => pending.failed(error),
  });
  return result;
}
