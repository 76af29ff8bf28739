/**
 * The Review page: today's queue, one call at a time, driven by the keyboard — j/k move,
 * p pass, f fail, t tag, e edit the output into a correction, n note, a propose assertions
 * for a failure. Each verdict is saved at once; progress and streak show at the top. Until
 * the reviewer has given a name (asked once, inline, kept in localStorage) the page shows
 * the queue, the stats and the failure modes.
 */

import type { GenchiApiError } from "@genchi/sdk/api";
import type { Call, ReviewProgress, ReviewQueueItem, Verdict } from "@genchi/spec";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useAuth } from "../auth/auth-context.js";
import { messageText } from "../lib/call-text.js";
import { ErrorMessage } from "../ui/error-message.js";
import { FailureModesPanel } from "./failure-modes-panel.js";
import { ProposalsPanel } from "./proposals-panel.js";
import { ReviewCallView } from "./review-call-view.js";
import { ReviewQueueList } from "./review-queue-list.js";
import { ReviewStatsPanel } from "./review-stats-panel.js";
import "./review.css";

interface Entry {
  item: ReviewQueueItem;
  call: Call;
  verdict: Verdict | null;
  tags: string[];
  note: string | null;
  correction: string | null;
}
type Mode = "tag" | "note" | "edit" | "proposals" | null;

const reviewerKey = "genchi.reviewer";

/** The whole output text (what a correction starts from). */
const outputText = (output: Call["output"]): string =>
  output == null ? "" : typeof output === "string" ? output : messageText(output);

export function ReviewPage() {
  const { client } = useAuth();
  const [reviewer, setReviewer] = useState(() => localStorage.getItem(reviewerKey) ?? "");
  const [draftName, setDraftName] = useState(reviewer);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [queue, setQueue] = useState<ReviewQueueItem[] | null>(null);
  const [built, setBuilt] = useState(false);
  const [index, setIndex] = useState(0);
  const [progress, setProgress] = useState<ReviewProgress | null>(null);
  const [finished, setFinished] = useState(false);
  const [mode, setMode] = useState<Mode>(null);
  const [error, setError] = useState<GenchiApiError | null>(null);
  const [modes, setModes] = useState<string[]>([]);
  const [text, setText] = useState("");
  const busy = useRef(false);
  const entry = entries[index];

  const loadModes = useCallback(() => {
    client.review.failureModes().then((r) => setModes(r.data.map((m) => m.name)), setError);
  }, [client]);

  const fetchNext = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      const next = await client.review.next({ query: { reviewer } });
      setProgress(next.progress);
      if (next.item && next.call) {
        const fresh: Entry = {
          item: next.item,
          call: next.call,
          verdict: null,
          tags: [],
          note: null,
          correction: null,
        };
        setEntries((list) => {
          const known = list.findIndex((e) => e.item.callId === fresh.item.callId);
          if (known >= 0) {
            setIndex(known);
            return list;
          }
          setIndex(list.length);
          return [...list, fresh];
        });
      } else {
        setFinished(true);
        setEntries((list) => {
          setIndex(list.length);
          return list;
        });
      }
    } catch (e) {
      setError(e as GenchiApiError);
    } finally {
      busy.current = false;
    }
  }, [client, reviewer]);

  // Today's queue is built (or topped up) once, whether or not a name was given yet.
  useEffect(() => {
    setError(null);
    client.review
      .buildQueue({ body: {} })
      .then(() => {
        setBuilt(true);
        return client.review.queue();
      })
      .then((r) => setQueue(r.items), setError)
      .then(loadModes);
  }, [client, loadModes]);

  useEffect(() => {
    if (reviewer && built) void fetchNext();
  }, [reviewer, built, fetchNext]);

  const save = useCallback(
    async (changes: Partial<Entry>): Promise<boolean> => {
      if (!entry) return false;
      const updated = { ...entry, ...changes };
      const verdict = updated.verdict ?? (updated.tags.length > 0 ? "fail" : null);
      if (!verdict) {
        setEntries((list) => list.map((e, i) => (i === index ? updated : e)));
        return true;
      }
      try {
        await client.review.annotate({
          body: {
            callId: updated.call.id,
            reviewer,
            verdict,
            tags: updated.tags,
            note: updated.note,
            correction: updated.correction,
          },
        });
        setEntries((list) => list.map((e, i) => (i === index ? { ...updated, verdict } : e)));
        setError(null);
        const p = await client.review.progress({ query: { reviewer } });
        setProgress(p);
        if (updated.tags.length) loadModes();
        return true;
      } catch (e) {
        setError(e as GenchiApiError);
        return false;
      }
    },
    [client, entry, index, reviewer, loadModes],
  );

  const forward = useCallback(() => {
    setMode(null);
    if (index < entries.length - 1) setIndex(index + 1);
    else if (!finished) void fetchNext();
  }, [index, entries.length, finished, fetchNext]);

  // A layout effect: the keys act on the call on screen, even when pressed right after it rendered.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (
        target &&
        (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")
      )
        return;
      if (event.ctrlKey || event.metaKey || event.altKey || !reviewer) return;
      if (mode === "proposals") return; // the panel has its keys
      const actions: Record<string, (() => void) | undefined> = {
        j: forward,
        k: () => {
          setMode(null);
          setIndex(Math.max(0, index - 1));
        },
      };
      if (entry) {
        actions["p"] = () => void save({ verdict: "pass" }).then((ok) => ok && forward());
        actions["f"] = () => void save({ verdict: "fail" });
        actions["t"] = () => {
          setText("");
          setMode("tag");
        };
        actions["n"] = () => {
          setText(entry.note ?? "");
          setMode("note");
        };
        actions["e"] = () => {
          setText(entry.correction ?? outputText(entry.call.output));
          setMode("edit");
        };
        if (entry.verdict === "fail") actions["a"] = () => setMode("proposals");
      }
      const action = actions[event.key];
      if (action) {
        event.preventDefault();
        action();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [entry, index, mode, reviewer, forward, save]);

  /** Closes the field at once (the next key is a command again), then saves what it held. */
  const submitText = async () => {
    if (!entry) return;
    setMode(null);
    if (mode === "tag") {
      const tag = text.trim();
      if (tag) await save({ tags: [...new Set([...entry.tags, tag])], verdict: entry.verdict ?? "fail" });
    } else if (mode === "note") await save({ note: text.trim() || null });
    else if (mode === "edit") await save({ correction: text, verdict: entry.verdict ?? "fail" });
  };

  const nameForm = (
    <form
      className="card review-name"
      onSubmit={(e) => {
        e.preventDefault();
        const name = draftName.trim().replace(/\s+/g, "-");
        if (!name) return;
        localStorage.setItem(reviewerKey, name);
        setReviewer(name);
      }}
    >
      <label className="field">
        Your name, to start reviewing (asked once; reviewers never get the same call)
        <input
          data-testid="reviewer-name"
          value={draftName}
          onChange={(e) => setDraftName(e.target.value)}
          placeholder="ana"
        />
      </label>
      <button type="submit">Start reviewing</button>
    </form>
  );
  const queueDone = queue?.filter((q) => q.doneBy !== null).length ?? 0;

  return (
    <div className="page review-page">
      <div className="toolbar">
        <h1>Review</h1>
        <span className="review-progress" data-testid="review-progress">
          {reviewer && progress
            ? `${progress.done} / ${progress.total} reviewed today · you: ${progress.reviewedByMe} · streak ${progress.streak} day${progress.streak === 1 ? "" : "s"}`
            : !reviewer && queue
              ? `${queueDone} / ${queue.length} reviewed today`
              : "…"}
        </span>
        <div className="spacer" />
        {reviewer ? (
          <span className="muted small">
            reviewer <strong>{reviewer}</strong>{" "}
            <button
              type="button"
              className="link-button small"
              onClick={() => {
                localStorage.removeItem(reviewerKey);
                setDraftName(reviewer);
                setReviewer("");
                setEntries([]);
                setIndex(0);
                setFinished(false);
                setProgress(null);
                setMode(null);
                void client.review.queue().then((r) => setQueue(r.items), setError);
              }}
            >
              change
            </button>
          </span>
        ) : null}
      </div>
      {reviewer ? null : nameForm}
      <p className="muted small review-keys">
        <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>p</kbd> pass · <kbd>f</kbd> fail · <kbd>t</kbd> tag ·{" "}
        <kbd>e</kbd> edit into a correction · <kbd>n</kbd> note · <kbd>a</kbd> assertions for a failure
      </p>
      {error ? <ErrorMessage error={error} title="That did not work" /> : null}
      {!reviewer ? (
        <ReviewQueueList items={queue} />
      ) : entry ? (
        <div className="review-body">
          <div className="review-main">
            <ReviewCallView call={entry.call} />
          </div>
          <aside className="review-side card">
            <div>
              Verdict:{" "}
              <span
                data-testid="review-verdict"
                className={`badge ${entry.verdict === "fail" ? "badge-negative" : entry.verdict === "pass" ? "badge-positive" : ""}`}
              >
                {entry.verdict ?? "not yet"}
              </span>
            </div>
            <div className="muted small">picked by: {entry.item.strategy.replace("_", " ")}</div>
            <div className="tags" data-testid="review-tags">
              {entry.tags.map((t) => (
                <span key={t} className="badge">
                  {t}
                </span>
              ))}
            </div>
            {entry.note ? <p className="small">Note: {entry.note}</p> : null}
            {entry.correction !== null ? (
              <p className="small">
                Correction: <code>{entry.correction}</code>
              </p>
            ) : null}
            {mode === "tag" || mode === "note" || mode === "edit" ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void submitText();
                }}
              >
                <label className="field" htmlFor="review-input">
                  {mode === "tag" ? "Failure mode" : mode === "note" ? "Note" : "Correct output"}
                  {mode === "tag" ? (
                    <input
                      // biome-ignore lint/a11y/noAutofocus: the key that opened the field means typing comes next.
                      autoFocus
                      id="review-input"
                      data-testid="review-input"
                      list="review-failure-modes"
                      value={text}
                      onChange={(e) => setText(e.target.value)}
                      onKeyDown={(e) => e.key === "Escape" && setMode(null)}
                    />
                  ) : (
                    <textarea
                      // biome-ignore lint/a11y/noAutofocus: the key that opened the field means typing comes next.
                      autoFocus
                      id="review-input"
                      data-testid="review-input"
                      rows={mode === "edit" ? 6 : 3}
                      value={text}
                      onChange={(e) => setText(e.target.value)}
                      onKeyDown={(e) => {
                        if (e.key === "Escape") setMode(null);
                        if (e.key === "Enter" && (e.ctrlKey || e.metaKey || mode === "note")) {
                          e.preventDefault();
                          void submitText();
                        }
                      }}
                    />
                  )}
                </label>
                <datalist id="review-failure-modes">
                  {modes.map((m) => (
                    <option key={m} value={m} />
                  ))}
                </datalist>
                <span className="muted small">
                  {mode === "edit" ? "Ctrl+Enter saves" : "Enter saves"} · Esc cancels
                </span>
              </form>
            ) : null}
          </aside>
        </div>
      ) : finished ? (
        <div className="message" data-testid="review-finished">
          <strong>Nothing left in today's queue for you.</strong> Come back tomorrow to keep the streak.
        </div>
      ) : (
        <p className="muted">Loading today's queue…</p>
      )}
      {entry && mode === "proposals" ? (
        <ProposalsPanel callId={entry.call.id} onClose={() => setMode(null)} />
      ) : null}
      <ReviewStatsPanel refreshKey={String(progress?.done ?? 0)} />
      <FailureModesPanel refreshKey={modes.join(",")} />
    </div>
  );
}
