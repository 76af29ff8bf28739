/** One call, whole: its messages and output, model asked vs served, usage, timing, ids, feedback and reviews. */
import type { Annotation, CallDetail } from "@genchi/spec";
import type { ReactNode } from "react";
import { Link } from "wouter";
import { useApi } from "../api/use-api.js";
import { useAuth } from "../auth/auth-context.js";
import { formatCount, formatMs, formatUsd } from "../lib/format.js";
import { callsHref } from "../lib/use-query-params.js";
import { ErrorMessage } from "../ui/error-message.js";
import { AnnotationList } from "./annotation-list.js";
import { FeedbackList } from "./feedback-list.js";
import { JsonBlock, LongText } from "./long-text.js";
import { MessageView } from "./message-view.js";

export function CallDetailPage({ id }: { id: string }) {
  const { client } = useAuth();
  const detail = useApi<CallDetail>((signal) => client.calls.get({ params: { id }, signal }), `call:${id}`);
  return (
    <div className="page">
      <div className="toolbar">
        <Link href="/calls" className="small">
          ← Calls
        </Link>
        <h1 className="mono-title">{id}</h1>
      </div>
      {detail.state === "error" ? <ErrorMessage error={detail.error} title="Cannot show this call" /> : null}
      {detail.state === "loading" ? <p className="muted">Loading…</p> : null}
      {detail.state === "ok" ? <CallDetailBody call={detail.data} /> : null}
    </div>
  );
}

function CallDetailBody({ call }: { call: CallDetail }) {
  const usage = call.usage;
  const modelDiffers = call.requestedModel && call.model && call.requestedModel !== call.model;
  const facts: Array<[string, ReactNode]> = [
    ["Time", new Date(call.timestamp).toLocaleString()],
    [
      "Status",
      <span key="s" className={`badge badge-${call.status}`}>
        {call.status}
      </span>,
    ],
    [
      "Route",
      call.route ? (
        <Link key="r" href={callsHref({ route: call.route })}>
          {call.route}
        </Link>
      ) : (
        "–"
      ),
    ],
    ["Model asked", call.requestedModel ?? "–"],
    [
      "Model served",
      <span key="m" className={modelDiffers ? "text-warn" : ""}>
        {call.model ?? "–"}
      </span>,
    ],
    ["Provider", call.provider ?? "–"],
    ["Source", call.source],
    [
      "Tokens",
      usage ? (
        <span key="t">
          {formatCount(usage.inputTokens)} in · {formatCount(usage.outputTokens)} out
          {usage.cachedInputTokens ? ` · ${formatCount(usage.cachedInputTokens)} cached` : ""}
          {usage.estimated ? (
            <span className="badge badge-warn" title="counted by genchi: the call came without usage">
              estimated
            </span>
          ) : null}
        </span>
      ) : (
        "–"
      ),
    ],
    ["Cost", formatUsd(call.costUsd)],
    ["Latency", formatMs(call.latencyMs)],
    ["Time to first token", formatMs(call.ttftMs)],
    ["Finish reason", call.finishReason ?? "–"],
    [
      "User",
      call.userId ? (
        <Link key="u" href={callsHref({ userId: call.userId })}>
          {call.userId}
        </Link>
      ) : (
        "–"
      ),
    ],
    [
      "Session",
      call.sessionId ? (
        <Link key="se" href={callsHref({ sessionId: call.sessionId })}>
          {call.sessionId}
        </Link>
      ) : (
        "–"
      ),
    ],
    ["Prompt version", call.promptVersion ?? "–"],
    ["Trace id", call.traceId ? <code key="tr">{call.traceId}</code> : "–"],
    ["Span id", call.spanId ? <code key="sp">{call.spanId}</code> : "–"],
    [
      "Shadow of",
      call.shadowOf ? (
        <Link key="sh" href={`/calls/${encodeURIComponent(call.shadowOf)}`}>
          {call.shadowOf}
        </Link>
      ) : (
        "–"
      ),
    ],
  ];
  return (
    <div className="detail">
      <div className="detail-main">
        <section className="card section" data-testid="call-input">
          <h2>Input</h2>
          {typeof call.input === "string" ? (
            <LongText text={call.input} />
          ) : (
            call.input.map((message, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: messages have no ids and never reorder.
              <MessageView key={i} message={message} />
            ))
          )}
        </section>
        <section className="card section" data-testid="call-output">
          <h2>Output</h2>
          {call.status === "error" ? (
            <div className="message message-error">
              <strong>The call failed</strong>
              <span>{call.error ?? "no error text"}</span>
            </div>
          ) : null}
          {call.output === null ? (
            call.status === "error" ? null : (
              <p className="muted">No output.</p>
            )
          ) : typeof call.output === "string" ? (
            <LongText text={call.output} />
          ) : (
            <MessageView message={call.output} />
          )}
        </section>
      </div>
      <aside className="detail-side">
        <section className="card section">
          <h2>Call</h2>
          <dl className="facts">
            {facts.map(([label, value]) => (
              <div key={label} className="fact">
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          {call.tags.length > 0 ? (
            <div className="tags">
              {call.tags.map((tag) => (
                <Link key={tag} className="badge" href={callsHref({ tag })}>
                  {tag}
                </Link>
              ))}
            </div>
          ) : null}
        </section>
        <section className="card section" data-testid="call-feedback">
          <h2>Feedback</h2>
          <FeedbackList feedback={call.feedback} />
        </section>
        <section className="card section" data-testid="call-annotations">
          <h2>Reviews</h2>
          {/* the API returns annotations as stored (typed loosely in CallDetail) */}
          <AnnotationList annotations={call.annotations as unknown as Annotation[]} />
        </section>
        {Object.keys(call.metadata).length > 0 ? (
          <section className="card section">
            <h2>Metadata</h2>
            <JsonBlock value={call.metadata} />
          </section>
        ) : null}
      </aside>
    </div>
  );
}
