/** A call's annotations: each reviewer's verdict, failure modes, note, correction and when. */
import type { Annotation } from "@genchi/spec";
import { Link } from "wouter";
import { formatTime } from "../lib/format.js";
import { LongText } from "./long-text.js";

export function AnnotationList({ annotations }: { annotations: Annotation[] }) {
  if (annotations.length === 0)
    return (
      <p className="muted small">
        Not reviewed yet. The <Link href="/review">review queue</Link> picks calls to look at every day.
      </p>
    );
  return (
    <ul className="feedback-list">
      {annotations.map((a) => (
        <li
          key={`${a.reviewer}:${a.createdAt}`}
          className="feedback-item"
          data-testid="annotation"
          data-reviewer={a.reviewer}
          data-verdict={a.verdict}
        >
          <div className="row">
            <span className={`badge ${a.verdict === "fail" ? "badge-negative" : "badge-positive"}`}>
              {a.verdict}
            </span>
            <strong>{a.reviewer}</strong>
            <time className="muted small" dateTime={a.createdAt}>
              {formatTime(a.createdAt)}
            </time>
          </div>
          {a.tags.length > 0 ? (
            <div className="tags">
              {a.tags.map((t) => (
                <span key={t} className="badge">
                  {t}
                </span>
              ))}
            </div>
          ) : null}
          {a.note ? <p className="feedback-comment">{a.note}</p> : null}
          {a.correction !== null ? (
            <div>
              <div className="muted small">correction</div>
              <LongText text={a.correction} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
