/**
 * Assertions proposed for a failed call, each with how it would have judged the calls already
 * reviewed; pressing its number (or clicking Add) adds it to the route's suite.
 */

import type { GenchiApiError } from "@genchi/sdk/api";
import type { ProposalWithBacktest as Proposal, ReviewProposals } from "@genchi/spec";
import { useEffect, useLayoutEffect, useState } from "react";
import { useAuth } from "../auth/auth-context.js";
import { ErrorMessage } from "../ui/error-message.js";
import { CustomAssertion } from "./custom-assertion.js";

export function ProposalsPanel({ callId, onClose }: { callId: string; onClose: () => void }) {
  const { client } = useAuth();
  const [data, setData] = useState<ReviewProposals | null>(null);
  const [error, setError] = useState<GenchiApiError | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  useEffect(() => {
    client.review.proposals({ params: { id: callId } }).then(setData, setError);
  }, [client, callId]);

  const add = async (p: Proposal) => {
    if (!data?.route) return;
    try {
      await client.review.addSuiteAssertion({
        params: { route: data.route },
        body: { description: p.description, assert: p.assert, sourceCallId: callId },
      });
      setAdded(p.description);
    } catch (e) {
      setError(e as GenchiApiError);
    }
  };

  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) return;
      const n = Number(event.key);
      const chosen = data?.proposals[n - 1];
      if (Number.isInteger(n) && chosen) {
        event.preventDefault();
        event.stopPropagation();
        void add(chosen);
      }
      if (event.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  });

  return (
    <div className="card review-proposals" data-testid="review-proposals">
      <h3>Assertions that would catch this failure {data?.route ? `(route ${data.route})` : ""}</h3>
      {error ? <ErrorMessage error={error} title="Cannot propose assertions" /> : null}
      {data && !data.route ? (
        <p className="muted">This call has no route, so there is no suite to add to.</p>
      ) : null}
      {added ? (
        <p className="review-added" data-testid="review-added">
          Added to the suite: {added} — export it for <code>genchi eval</code> with{" "}
          <code>GET /api/v1/review/suites/{data?.route}.yaml</code>
        </p>
      ) : null}
      <ol className="review-proposal-list">
        {data?.proposals.map((p, i) => (
          <li key={p.kind} data-kind={p.kind}>
            <div>
              <kbd>{i + 1}</kbd> <strong>{p.kind}</strong> {p.description}{" "}
              <button type="button" className="small" onClick={() => void add(p)}>
                Add
              </button>
            </div>
            <code className="small">
              {p.assert.type}:{" "}
              {typeof p.assert.value === "string" ? p.assert.value : JSON.stringify(p.assert.value)}
            </code>
            <div className="muted small">
              {p.backtest.agreement === null
                ? "judged by an LLM at eval time"
                : `agrees with reviewers on ${Math.round(p.backtest.agreement * 100)}% of ${p.backtest.rows.length} reviewed calls · catches ${p.backtest.caughtFailures} failure(s) · ${p.backtest.falseFailures} false failure(s)`}
            </div>
            {p.backtest.rows.length > 0 ? (
              <details className="small">
                <summary>each reviewed call</summary>
                <ul className="review-backtest">
                  {p.backtest.rows.map((r) => (
                    <li
                      key={r.callId}
                      className={r.predicted !== null && r.predicted !== r.human ? "text-warn" : ""}
                    >
                      <code>{r.callId}</code> reviewer {r.human} · assertion {r.predicted ?? "needs a judge"}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
      {data?.route ? <CustomAssertion route={data.route} callId={callId} onAdded={setAdded} /> : null}
      <p className="muted small">Press a number to add · Esc closes</p>
    </div>
  );
}
