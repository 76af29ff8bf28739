/** An API or client error rendered as a readable message (never a blank page). */
import type { GenchiApiError } from "@genchi/sdk/api";

export function ErrorMessage({ error, title }: { error: GenchiApiError; title?: string }) {
  return (
    <div className="message message-error" role="alert" data-code={error.code}>
      <strong>{title ?? (error.status === 400 ? "This filter is not valid" : "Something went wrong")}</strong>
      <span>{error.message}</span>
      <span className="muted small">
        {error.code}
        {error.status ? ` · HTTP ${error.status}` : ""}
      </span>
    </div>
  );
}
