/**
 * `wrapAnthropic(client)`: logs every `messages.create` call of an `@anthropic-ai/sdk` client
 * (`stream: true` and the `messages.stream()` helper included) to genchi without changing
 * what the caller gets — the same promise object, the same message, the same events, the
 * same errors. The call id is available via `callIdOf()`.
 */

import { anthropicMessages } from "@genchi/core/dialects";
import type { AnthropicClientLike, AnthropicCreateParamsLike } from "./anthropic-shapes.js";
import { currentCallContext, mergeCallContext } from "./call-context.js";
import { rememberCallId } from "./call-id-of.js";
import { loggingSink, observedCreate } from "./observed-create.js";
import { PendingCall } from "./pending-call.js";
import { defaultGenchi, type WrapOpenAIOptions } from "./wrap-openai.js";

/** The same options as `wrapOpenAI`: where calls go, their route and context, an `onCall` hook. */
export type WrapAnthropicOptions = WrapOpenAIOptions;

type Method = (...args: unknown[]) => unknown;

const wrappedMark = Symbol.for("genchi.wrapAnthropic");

/** Told the id of each call `create` starts while `messages.stream()` runs (it calls `create` synchronously). */
let onCreate: ((id: string) => void) | undefined;

/** Puts the call id on what `messages.stream()` returns and on its `finalMessage()`. */
function rememberOnMessageStream(stream: unknown, id: string): void {
  rememberCallId(stream, id);
  if (typeof stream !== "object" || stream === null) return;
  const target = stream as Record<string, unknown>;
  const finalMessage = target["finalMessage"];
  if (typeof finalMessage !== "function") return;
  target["finalMessage"] = function (this: unknown, ...args: unknown[]) {
    const result = (finalMessage as Method).apply(this, args);
    if (result instanceof Promise) {
      return result.then((message: unknown) => {
        rememberCallId(message, id);
        return message;
      });
    }
    return result;
  };
}

/**
 * Patches `client.messages.create` (and `client.messages.stream`) in place and returns the client.
 *
 * @example
 * const anthropic = wrapAnthropic(new Anthropic(), { genchi, route: "support-reply" });
 * const reply = await anthropic.messages.create({ model: "claude-sonnet-4-0", max_tokens: 512, messages });
 * genchi.feedback({ callId: callIdOf(reply)!, kind: "thumbs_up" });
 */
export function wrapAnthropic<T extends AnthropicClientLike>(
  client: T,
  options: WrapAnthropicOptions = {},
): T {
  const messages = client.messages as unknown as Record<string | symbol, unknown>;
  if (messages[wrappedMark] === true) return client;
  const { genchi = defaultGenchi(), onCall, ...context } = options;
  const sink = loggingSink(genchi, onCall);

  const create = messages["create"] as Method;
  messages["create"] = function (this: unknown, ...args: unknown[]): unknown {
    const params = (args[0] ?? {}) as AnthropicCreateParamsLike;
    const pending = new PendingCall(
      {
        provider: "anthropic",
        requestedModel: typeof params.model === "string" ? params.model : null,
        input: anthropicMessages.readRequest(params as Record<string, unknown>),
      },
      mergeCallContext(context, currentCallContext()),
      sink,
    );
    onCreate?.(pending.id);
    return observedCreate(
      pending,
      () => create.apply(this ?? messages, args),
      params.stream === true,
      () => anthropicMessages.streamFold(),
      (value) => pending.finished(anthropicMessages.readResponse(value)),
    );
  };

  // `messages.stream()` calls `this.create({ ...params, stream: true })`, so it is logged by the
  // patch above; this only hands the id to the MessageStream it returns.
  const stream = messages["stream"];
  if (typeof stream === "function") {
    messages["stream"] = function (this: unknown, ...args: unknown[]): unknown {
      let id: string | undefined;
      const outer = onCreate;
      onCreate = (created) => {
        id ??= created;
      };
      let result: unknown;
      try {
        result = (stream as Method).apply(this ?? messages, args);
      } finally {
        onCreate = outer;
      }
      if (id !== undefined) rememberOnMessageStream(result, id);
      return result;
    };
  }
  messages[wrappedMark] = true;
  return client;
}
