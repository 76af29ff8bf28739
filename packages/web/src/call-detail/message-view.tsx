/** One chat message: its role, its text or parts, and its tool calls with their arguments. */
import type { ChatMessage } from "@genchi/spec";
import { JsonBlock, LongText, prettyJson } from "./long-text.js";

export function MessageView({ message }: { message: ChatMessage }) {
  const { role, content, tool_calls: toolCalls, tool_call_id: toolCallId, name } = message;
  return (
    <div className={`message-bubble role-${role}`} data-role={role}>
      <div className="message-role">
        {role}
        {name ? <span className="muted"> · {name}</span> : null}
        {toolCallId ? <span className="muted"> · for {toolCallId}</span> : null}
      </div>
      {typeof content === "string" ? <LongText text={content} /> : null}
      {Array.isArray(content)
        ? content.map((part, i) =>
            part.type === "text" && typeof part.text === "string" ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: parts have no ids and never reorder.
              <LongText key={i} text={part.text} />
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: parts have no ids and never reorder.
              <JsonBlock key={i} value={part} />
            ),
          )
        : null}
      {toolCalls?.map((call, i) => (
        <div className="tool-call" key={call.id ?? i}>
          <div className="tool-call-name">
            <span className="badge">tool call</span> <code>{call.function?.name ?? call.type ?? "tool"}</code>
            {call.id ? <span className="muted small"> {call.id}</span> : null}
          </div>
          {call.function?.arguments !== undefined ? (
            <pre className="text json">{prettyJson(call.function.arguments) ?? call.function.arguments}</pre>
          ) : null}
        </div>
      ))}
    </div>
  );
}
