/**
 * Write your own check for a failed call (a regex, contains…): see how it would have judged the
 * reviewed calls before adding it; an invalid regex comes back as a clear error.
 */

import type { GenchiApiError } from "@genchi/sdk/api";
import type { Backtest } from "@genchi/spec";
import { useState } from "react";
import { useAuth } from "../auth/auth-context.js";
import { ErrorMessage } from "../ui/error-message.js";

const types = ["regex", "not-regex", "contains", "not-contains", "icontains", "not-icontains"];

export function CustomAssertion({
  route,
  callId,
  onAdded,
}: {
  route: string;
  callId: string;
  onAdded: (description: string) => void;
}) {
  const { client } = useAuth();
  const [type, setType] = useState("regex");
  const [value, setValue] = useState("");
  const [result, setResult] = useState<Backtest | null>(null);
  const [error, setError] = useState<GenchiApiError | null>(null);
  const assert = { type, value };

  const check = async () => {
    setError(null);
    setResult(null);
    try {
      setResult(await client.review.backtest({ body: { route, assert } }));
    } catch (e) {
      setError(e as GenchiApiError);
    }
  };
  const add = async () => {
    setError(null);
    try {
      const description = `${type} ${value}`;
      await client.review.addSuiteAssertion({
        params: { route },
        body: { description, assert, sourceCallId: callId },
      });
      onAdded(description);
    } catch (e) {
      setError(e as GenchiApiError);
    }
  };

  return (
    <form
      className="review-custom"
      data-testid="review-custom"
      onSubmit={(e) => {
        e.preventDefault();
        void check();
      }}
    >
      <strong className="small">Your own check</strong>
      <select value={type} onChange={(e) => setType(e.target.value)} aria-label="assertion type">
        {types.map((t) => (
          <option key={t}>{t}</option>
        ))}
      </select>
      <input
        aria-label="assertion value"
        data-testid="review-custom-value"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder="^\s*(billing|shipping)\s*$"
      />
      <button type="submit" className="small">
        Check
      </button>
      <button type="button" className="small" onClick={() => void add()} disabled={!value}>
        Add
      </button>
      {result ? (
        <span className="muted small" data-testid="review-custom-result">
          {result.agreement === null
            ? "nothing reviewed to check against"
            : `agrees on ${Math.round(result.agreement * 100)}% of ${result.rows.length} · catches ${result.caughtFailures} · ${result.falseFailures} false failure(s)`}
        </span>
      ) : null}
      {error ? <ErrorMessage error={error} title="This check cannot run" /> : null}
    </form>
  );
}
