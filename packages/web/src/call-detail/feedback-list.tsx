/** A call's feedback: kind, derived label, value, the user's edit and comment. */
import type { Feedback } from "@genchi/spec";
import { formatTime } from "../lib/format.js";
import { LongText } from "./long-text.js";

export function FeedbackList({ feedback }: { feedback: Feedback[] }) {
  if (feedback.length === 0) return <p className="muted small">No feedback on this call.</p>;
  return (
    <ul className="feedback-list" data-testid="feedback-list">
      {feedback.map((f) => (
        <li key={f.id} className="feedback-item">
          <div className="row">
            <span className="badge">{f.kind.replace("_", " ")}</span>
            {f.label ? <span className={`badge badge-${f.label}`}>{f.label.replace("_", " ")}</span> : null}
            {f.value !== null ? <span>{String(f.value)}</span> : null}
            <span className="muted small">
              {formatTime(f.timestamp)}
              {f.userId ? ` · ${f.userId}` : ""}
            </span>
          </div>
          {f.comment ? <p className="feedback-comment">“{f.comment}”</p> : null}
          {f.editedOutput ? (
            <div>
              <div className="muted small">edited output</div>
              <LongText text={f.editedOutput} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
