/**
 * The project's pin policy and pins, edited through the models API (`PUT /api/v1/models/policy`,
 * `PUT|DELETE /api/v1/models/pins`). Pins from the config file are shown but only the file edits them.
 */

import type { GenchiApiError } from "@genchi/sdk/api";
import { type ModelPinsView, type PinPolicy, pinPolicies } from "@genchi/spec";
import { type FormEvent, useState } from "react";
import { toApiError } from "../api/use-api.js";
import { useAuth } from "../auth/auth-context.js";
import { ErrorMessage } from "../ui/error-message.js";

const policyHelp: Record<PinPolicy, string> = {
  off: "floating aliases pass as they are",
  warn: "calls on a floating alias record a warning",
  resolve: "the gateway rewrites a pinned alias to its snapshot",
  reject: "a floating alias gets a 400 naming the snapshot to use",
};

export function PinsPanel({ view, onChanged }: { view: ModelPinsView; onChanged: () => void }) {
  const { client } = useAuth();
  const [error, setError] = useState<GenchiApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [scope, setScope] = useState<"alias" | "route">("alias");
  const [name, setName] = useState("");
  const [pinned, setPinned] = useState("");

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onChanged();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const setPolicy = (policy: PinPolicy | null) => run(() => client.models.setPolicy({ body: { policy } }));
  const addPin = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await client.models.putPin({
        body:
          scope === "alias"
            ? { alias: name.trim(), pinned: pinned.trim() }
            : { route: name.trim(), pinned: pinned.trim() },
      });
      setName("");
      setPinned("");
    });
  };
  const removePin = (pin: ModelPinsView["pins"][number]) =>
    run(() =>
      client.models.deletePin({
        query: pin.alias !== null ? { alias: pin.alias } : { route: pin.route ?? "" },
      }),
    );

  return (
    <section className="card models-pins" data-testid="pins-panel">
      <h2>Pins and policy</h2>
      <div className="row">
        <span className="small">Policy</span>
        <fieldset className="segmented" aria-label="pin policy">
          {pinPolicies.map((p) => (
            <button
              key={p}
              type="button"
              className={view.policy === p ? "active" : ""}
              disabled={busy}
              onClick={() => void setPolicy(p)}
              data-testid={`policy-${p}`}
            >
              {p}
            </button>
          ))}
        </fieldset>
        <span className="muted small" data-testid="policy-help">
          {policyHelp[view.policy]} ·{" "}
          {view.policyOrigin === "api" ? "set for this project" : "from the config file"}
        </span>
        {view.policyOrigin === "api" ? (
          <button type="button" className="ghost small" disabled={busy} onClick={() => void setPolicy(null)}>
            Follow the config file
          </button>
        ) : null}
      </div>
      <div className="models-pin-list">
        {view.pins.length === 0 ? <p className="muted small">No pins yet.</p> : null}
        {view.pins.map((pin) => (
          <div
            key={`${pin.origin}-${pin.alias ?? ""}-${pin.route ?? ""}`}
            className="models-pin"
            data-testid="pin-row"
          >
            <span className="small muted">{pin.alias !== null ? "alias" : "route"}</span>
            <span className="models-mono">{pin.alias ?? pin.route}</span>
            <span>→</span>
            <span className="models-mono">{pin.pinned}</span>
            <span className="badge">{pin.origin === "api" ? "this project" : "config file"}</span>
            {pin.origin === "api" ? (
              <button
                type="button"
                className="ghost small"
                disabled={busy}
                onClick={() => void removePin(pin)}
              >
                Remove
              </button>
            ) : null}
          </div>
        ))}
      </div>
      <form className="row" onSubmit={addPin}>
        <select
          value={scope}
          onChange={(e) => setScope(e.target.value as "alias" | "route")}
          aria-label="pin scope"
        >
          <option value="alias">alias</option>
          <option value="route">route</option>
        </select>
        <input
          placeholder={scope === "alias" ? "gpt-4o" : "categorize"}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-label="alias or route"
          data-testid="pin-name"
        />
        <span>→</span>
        <input
          placeholder="gpt-4o-2024-08-06"
          value={pinned}
          onChange={(e) => setPinned(e.target.value)}
          aria-label="pinned snapshot"
          data-testid="pin-snapshot"
        />
        <button type="submit" className="primary" disabled={busy || !name.trim() || !pinned.trim()}>
          Pin
        </button>
      </form>
      {error ? <ErrorMessage error={error} title="The change was not saved" /> : null}
    </section>
  );
}
