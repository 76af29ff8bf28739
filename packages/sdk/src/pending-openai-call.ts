/**
 * One wrapped `chat.completions.create` call in flight: the OpenAI request and completion
 * read (by the chat dialect) into a {@link PendingCall}, which logs exactly one Call.
 */
import { openaiChat } from "@genchi/core/dialects";
import type { CallContext } from "./call-context.js";
import type { ChatCreateParamsLike } from "./openai-shapes.js";
import { type LoggedCall, PendingCall } from "./pending-call.js";

export type { LoggedCall } from "./pending-call.js";

export class PendingOpenAICall extends PendingCall {
  constructor(
    params: ChatCreateParamsLike,
    context: CallContext,
    sink: (call: LoggedCall) => void,
    provider = "openai",
  ) {
    super(
      {
        provider,
        requestedModel: typeof params.model === "string" ? params.model : null,
        // a copy of the message list: apps often push the reply onto the same array afterwards
        input: openaiChat.readRequest(params as Record<string, unknown>),
      },
      context,
      sink,
    );
  }

  /** The completion as the log reads it. */
  completed(completion: unknown): void {
    this.finished(openaiChat.readResponse(completion));
  }
}
