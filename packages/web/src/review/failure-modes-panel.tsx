/** The project's failure-mode taxonomy: rename a mode, or merge one into another (its tags move). */

import type { GenchiApiError } from "@genchi/sdk/api";
import type { FailureMode } from "@genchi/spec";
import { useState } from "react";
import { useApi } from "../api/use-api.js";
import { useAuth } from "../auth/auth-context.js";
import { ErrorMessage } from "../ui/error-message.js";

function ModeRow({
  mode,
  others,
  onChange,
}: {
  mode: FailureMode;
  others: FailureMode[];
  onChange: () => void;
}) {
  const { client } = useAuth();
  const [name, setName] = useState(mode.name);
  const [into, setInto] = useState("");
  const [error, setError] = useState<GenchiApiError | null>(null);
  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      onChange();
    } catch (e) {
      setError(e as GenchiApiError);
    }
  };
  return (
    <li data-testid="failure-mode" data-name={mode.name}>
      <form
        className="review-mode"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => client.review.renameFailureMode({ params: { id: mode.id }, body: { name } }));
        }}
      >
        <input aria-label={`rename ${mode.name}`} value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="small" disabled={name.trim() === mode.name || !name.trim()}>
          Rename
        </button>
        <select aria-label={`merge ${mode.name} into`} value={into} onChange={(e) => setInto(e.target.value)}>
          <option value="">merge into…</option>
          {others.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="small"
          disabled={!into}
          onClick={() =>
            void run(() => client.review.mergeFailureMode({ params: { id: mode.id }, body: { into } }))
          }
        >
          Merge
        </button>
      </form>
      {error ? <ErrorMessage error={error} title="Cannot change this failure mode" /> : null}
    </li>
  );
}

export function FailureModesPanel({ refreshKey }: { refreshKey: string }) {
  const { client } = useAuth();
  const [version, setVersion] = useState(0);
  const modes = useApi((signal) => client.review.failureModes({ signal }), `modes:${refreshKey}:${version}`);
  const list = modes.state === "error" ? [] : (modes.data?.data ?? []);
  if (list.length === 0) return null;
  return (
    <section className="card review-modes" data-testid="failure-modes">
      <h3>Failure modes</h3>
      <ul>
        {list.map((m) => (
          <ModeRow
            key={`${m.id}:${m.name}`}
            mode={m}
            others={list.filter((o) => o.id !== m.id)}
            onChange={() => setVersion((v) => v + 1)}
          />
        ))}
      </ul>
    </section>
  );
}
