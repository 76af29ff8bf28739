/** A call as a reviewer sees it: route and model, the input messages and the output, rendered. */
import type { Call, ChatMessage } from "@genchi/spec";
import { MessageView } from "../call-detail/message-view.js";

const asMessages = (value: Call["input"] | Call["output"], role: string): ChatMessage[] => {
  if (value == null) return [];
  if (typeof value === "string") return [{ role, content: value }];
  return Array.isArray(value) ? value : [value];
};

export function ReviewCallView({ call }: { call: Call }) {
  return (
    <div className="review-call" data-testid="review-call" data-call-id={call.id}>
      <div className="muted small">
        <code>{call.id}</code> · route {call.route ?? "–"} · model {call.model ?? call.requestedModel ?? "–"}{" "}
        · {new Date(call.timestamp).toLocaleString()}
      </div>
      <h3>Input</h3>
      {asMessages(call.input, "user").map((m, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: messages have no ids and never reorder.
        <MessageView key={i} message={m} />
      ))}
      <h3>Output</h3>
      {call.status === "error" ? <p className="text-error">{call.error ?? "error"}</p> : null}
      {asMessages(call.output, "assistant").map((m, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: messages have no ids and never reorder.
        <MessageView key={i} message={m} />
      ))}
    </div>
  );
}
