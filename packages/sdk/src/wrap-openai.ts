/**
 * `wrapOpenAI(client)`: logs every `chat.completions.create` call (streaming included) to
 * genchi without changing what the caller gets — the same promise object, the same
 * completion, the same chunks, the same errors. The call id is available via `callIdOf()`.
 */
import { openaiChat } from "@genchi/core/dialects";
import { type CallContext, currentCallContext, mergeCallContext } from "./call-context.js";
import { Genchi } from "./genchi.js";
import { loggingSink, observedCreate } from "./observed-create.js";
import type { ChatCreateParamsLike, OpenAIClientLike } from "./openai-shapes.js";
import { type LoggedCall, PendingOpenAICall } from "./pending-openai-call.js";

export interface WrapOpenAIOptions extends CallContext {
  /** Where calls go. Default: one shared client configured from `GENCHI_URL` / `GENCHI_KEY`. */
  genchi?: Genchi;
  /** Told about each call as it is logged (after the response or the end of the stream). */
  onCall?: (call: LoggedCall) => void;
}

const wrappedMark = Symbol.for("genchi.wrapOpenAI");
let sharedGenchi: Genchi | undefined;

/** The client `wrapOpenAI` uses when given none, made from the environment on first use. */
export function defaultGenchi(): Genchi {
  sharedGenchi ??= new Genchi();
  return sharedGenchi;
}

/**
 * Patches `client.chat.completions.create` in place and returns the client.
 *
 * @example
 * const openai = wrapOpenAI(new OpenAI(), { genchi, route: "categorize" });
 * const reply = await openai.chat.completions.create({ model: "gpt-4o-mini", messages });
 * genchi.feedback({ callId: callIdOf(reply)!, kind: "thumbs_up" });
 */
export function wrapOpenAI<T extends OpenAIClientLike>(client: T, options: WrapOpenAIOptions = {}): T {
  const completions = client.chat.completions as unknown as Record<string | symbol, unknown>;
  if (completions[wrappedMark] === true) return client;
  const { genchi = defaultGenchi(), onCall, ...context } = options;
  const original = completions["create"] as (...args: unknown[]) => unknown;
  const sink = loggingSink(genchi, onCall);

  completions["create"] = function create(...args: unknown[]): unknown {
    const params = (args[0] ?? {}) as ChatCreateParamsLike;
    const pending = new PendingOpenAICall(params, mergeCallContext(context, currentCallContext()), sink);
    return observedCreate(
      pending,
      () => original.apply(completions, args),
      params.stream === true,
      () => openaiChat.streamFold(),
      (value) => pending.completed(value),
    );
  };
  completions[wrappedMark] = true;
  return client;
}
