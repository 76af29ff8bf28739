/** Which call a wrapped client's result belongs to, so apps can send feedback for it. */

const ids = new WeakMap<object, string>();

/** @internal remembers the call id of a result, stream or promise. */
export function rememberCallId(value: unknown, id: string): void {
  if ((typeof value === "object" && value !== null) || typeof value === "function") ids.set(value, id);
}

/**
 * The genchi call id of what a wrapped client returned: the completion, the stream or the
 * promise itself. `undefined` for anything else.
 *
 * @example genchi.feedback({ callId: callIdOf(completion)!, kind: "thumbs_up" })
 */
export function callIdOf(value: unknown): string | undefined {
  return (typeof value === "object" && value !== null) || typeof value === "function"
    ? ids.get(value)
    : undefined;
}
