/**
 * Per-call context (route, user, session, tags, …) for wrapped clients: set at wrap time,
 * or around a block of code with `withCallContext`, which follows async work.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface CallContext {
  route?: string;
  userId?: string;
  sessionId?: string;
  promptVersion?: string;
  tags?: string[];
  metadata?: Record<string, unknown>;
}

const storage = new AsyncLocalStorage<CallContext>();

/**
 * Combines two contexts: `over` wins field by field; tags are joined, metadata merged.
 *
 * @example mergeCallContext({ route: "a", tags: ["x"] }, { tags: ["y"] }) // → { route: "a", tags: ["x", "y"] }
 */
export function mergeCallContext(base: CallContext, over: CallContext | undefined): CallContext {
  if (over === undefined) return base;
  const merged: CallContext = { ...base, ...over };
  if (base.tags && over.tags) merged.tags = [...new Set([...base.tags, ...over.tags])];
  if (base.metadata && over.metadata) merged.metadata = { ...base.metadata, ...over.metadata };
  return merged;
}

/**
 * Runs `fn` with a call context; calls made by wrapped clients inside it (even after
 * `await`) carry it. Contexts nest.
 *
 * @example
 * const reply = await withCallContext({ userId: "u_42", sessionId: "s_7" }, () =>
 *   openai.chat.completions.create({ model: "gpt-4o-mini", messages }),
 * );
 */
export function withCallContext<T>(context: CallContext, fn: () => T): T {
  return storage.run(mergeCallContext(storage.getStore() ?? {}, context), fn);
}

/** The context of the code running now, if any. */
export function currentCallContext(): CallContext | undefined {
  return storage.getStore();
}
