/**
 * Attaches side-effect handlers to what `create` returned, leaving the object itself alone.
 * On an openai `APIPromise` the hook goes on `parse()` (and on promises derived by
 * `_thenUnwrap`, used by `.parse()` helpers), so nothing is read before the caller asks:
 * `.asResponse()` still gets an unread body and `.withResponse()` works as before.
 */

type Handlers = { value: (value: unknown) => void; error: (error: unknown) => void };
type Method = (...args: unknown[]) => unknown;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    ((typeof value === "object" && value !== null) || typeof value === "function") &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

function hook(target: Record<string, unknown>, handlers: Handlers): void {
  const parse = target["parse"] as Method;
  let attached = false;
  target["parse"] = function (this: unknown, ...args: unknown[]) {
    const parsed = parse.apply(this, args);
    if (!attached && isThenable(parsed)) {
      attached = true;
      parsed.then(handlers.value, handlers.error);
    }
    return parsed;
  };
  const unwrap = target["_thenUnwrap"];
  if (typeof unwrap === "function") {
    target["_thenUnwrap"] = function (this: unknown, ...args: unknown[]) {
      const derived = (unwrap as Method).apply(this, args);
      observeResult(derived, handlers);
      return derived;
    };
  }
}

/**
 * Calls `handlers.value` / `handlers.error` when the result settles; a non-promise result
 * counts as settled now.
 *
 * @example observeResult(client.chat.completions.create(params), { value: log, error: logError })
 */
export function observeResult(result: unknown, handlers: Handlers): void {
  const safe: Handlers = {
    value: (v) => {
      try {
        handlers.value(v);
      } catch {
        // never let logging surface as an unhandled rejection
      }
    },
    error: (e) => {
      try {
        handlers.error(e);
      } catch {
        // idem
      }
    },
  };
  if (!isThenable(result)) safe.value(result);
  else if (typeof (result as { parse?: unknown }).parse === "function") {
    hook(result as unknown as Record<string, unknown>, safe);
  } else result.then(safe.value, safe.error);
}
