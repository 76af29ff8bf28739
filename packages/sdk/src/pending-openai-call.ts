/**
 * One wrapped `chat.completions.create` call in flight: the OpenAI request and completion
 * read into a {@link PendingCall}, which logs exactly one Call.
 */
import type { CallIn } from "@genchi/spec";
import type { CallContext } from "./call-context.js";
import type { ChatCompletionLike, ChatCreateParamsLike } from "./openai-shapes.js";
import { usageFromOpenAI } from "./openai-usage.js";
import { type LoggedCall, PendingCall } from "./pending-call.js";

export type { LoggedCall } from "./pending-call.js";

export class PendingOpenAICall extends PendingCall {
  constructor(
    params: ChatCreateParamsLike,
    context: CallContext,
    sink: (call: LoggedCall) => void,
    provider = "openai",
  ) {
    // A copy of the message list: apps often push the reply onto the same array afterwards.
    const input = Array.isArray(params.messages) ? [...params.messages] : "";
    super(
      {
        provider,
        requestedModel: typeof params.model === "string" ? params.model : null,
        input: input as CallIn["input"],
      },
      context,
      sink,
    );
  }

  completed(completion: ChatCompletionLike): void {
    const choice = Array.isArray(completion?.choices) ? completion.choices[0] : undefined;
    this.finished({
      model: typeof completion?.model === "string" ? completion.model : null,
      output: (choice?.message ?? null) as CallIn["output"],
      usage: usageFromOpenAI(completion?.usage),
      finishReason: choice?.finish_reason ?? null,
    });
  }
}
