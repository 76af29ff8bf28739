/**
 * Watches a provider stream without changing it: the stream's iterator is wrapped so the
 * caller sees the very same chunks, while they are accumulated for the log. Patching the
 * openai / Anthropic `Stream`'s `iterator` covers `for await`, `tee()` and `toReadableStream()` alike.
 */
import type { PendingCall, StreamAccumulator } from "./pending-call.js";

type IteratorFactory = (...args: unknown[]) => AsyncIterator<unknown>;

function observeIterator(
  iterator: AsyncIterator<unknown>,
  pending: PendingCall,
  acc: StreamAccumulator,
): AsyncIterableIterator<unknown> {
  let ended = false;
  const end = (how: "done" | "return" | "error", error?: unknown) => {
    if (ended) return;
    ended = true;
    try {
      pending.streamEnded(acc, how, error);
    } catch {
      // logging must never break the caller's stream
    }
  };
  const observed: AsyncIterableIterator<unknown> = {
    next: (...args: [] | [unknown]) =>
      iterator.next(...args).then(
        (result) => {
          try {
            if (result.done) end("done");
            else if (acc.add(result.value)) pending.firstToken();
          } catch {
            // a chunk we cannot read is still the caller's chunk
          }
          return result;
        },
        (error: unknown) => {
          end("error", error);
          throw error;
        },
      ),
    return: (value?: unknown) => {
      end("return");
      return iterator.return ? iterator.return(value) : Promise.resolve({ done: true as const, value });
    },
    throw: (error?: unknown) => {
      end("error", error);
      return iterator.throw ? iterator.throw(error) : Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return observed;
    },
  };
  return observed;
}

/**
 * Instruments a stream in place; true if it could (it has an async iterator). Each iteration
 * (a `tee()` makes two) gets its own accumulator; the pending call logs the first that ends.
 *
 * @example instrumentStream(stream, pending, () => openaiChat.streamFold()) // then `for await` as usual
 */
export function instrumentStream(
  stream: unknown,
  pending: PendingCall,
  accumulator: () => StreamAccumulator,
): boolean {
  if (typeof stream !== "object" || stream === null) return false;
  const target = stream as Record<string | symbol, unknown>;
  if (typeof target[Symbol.asyncIterator] !== "function") return false;
  const key = typeof target["iterator"] === "function" ? "iterator" : Symbol.asyncIterator;
  const original = target[key] as IteratorFactory;
  target[key] = function (this: unknown, ...args: unknown[]) {
    return observeIterator(original.apply(this, args), pending, accumulator());
  };
  return true;
}
