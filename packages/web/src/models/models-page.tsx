/**
 * The Models page: every model requested, per route — alias asked vs snapshots served (per
 * source), pinned or floating, a warning when the model served for an alias changed within one
 * source, how many gateway calls carried a pin warning — and the project's pins and pin policy, editable.
 */
import type { ModelSeen } from "@genchi/spec";
import { useState } from "react";
import { type Loaded, useApi } from "../api/use-api.js";
import { useAuth } from "../auth/auth-context.js";
import { formatCount, formatTime } from "../lib/format.js";
import { ErrorMessage } from "../ui/error-message.js";
import { PinsPanel } from "./pins-panel.js";
import "./models.css";

const allRoutes = "";

/** The last data a request gave (kept while a reload runs). */
const dataOf = <T,>(loaded: Loaded<T>): T | undefined => (loaded.state === "error" ? undefined : loaded.data);

export function ModelsPage() {
  const { client } = useAuth();
  const [version, setVersion] = useState(0);
  const [route, setRoute] = useState(allRoutes);
  const models = useApi((signal) => client.models.list({ signal }), `models:${version}`);
  const pins = useApi((signal) => client.models.pins({ signal }), `pins:${version}`);
  const data: ModelSeen[] = dataOf(models)?.data ?? [];
  const pinsView = dataOf(pins);
  const routes = [...new Set(data.flatMap((m) => m.routes.map((r) => r.route ?? "(no route)")))].sort();
  const shown =
    route === allRoutes
      ? data
      : data.filter((m) => m.routes.some((r) => (r.route ?? "(no route)") === route));
  const changed = shown.filter((m) => m.servedChanged);
  return (
    <div className="page">
      <div className="toolbar">
        <h1>Models</h1>
        <label className="field">
          Route
          <select value={route} onChange={(e) => setRoute(e.target.value)} data-testid="models-route">
            <option value={allRoutes}>all routes</option>
            {routes.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <span className="muted small">
          {formatCount(shown.length)} requested models · {formatCount(changed.length)} with a changed served
          model
        </span>
      </div>
      {models.state === "error" ? <ErrorMessage error={models.error} title="Cannot list models" /> : null}
      {changed.map((m) => {
        const change = m.servedChange!;
        return (
          <div
            key={`warn-${m.provider}-${m.requestedModel}`}
            className="message models-warning"
            role="status"
            data-testid="served-changed"
          >
            <strong>
              {m.requestedModel} now serves {change.to}
            </strong>
            <span>
              The model served for this {m.kind === "floating" ? "floating alias" : "id"} changed on{" "}
              {formatTime(change.at)} (was {change.from}, as logged by{" "}
              {change.source === "gateway" ? "the gateway" : `the ${change.source} source`}): a silent
              upstream update.
              {m.pinnedTo
                ? ` It is pinned to ${m.pinnedTo}.`
                : " Pin it to a snapshot to keep the old behaviour."}
            </span>
          </div>
        );
      })}
      <div className="card models-table" data-testid="models-table">
        <div className="models-row models-head">
          <span>Requested</span>
          <span>Kind</span>
          <span>Served</span>
          <span>Routes</span>
        </div>
        {models.state === "loading" && data.length === 0 ? (
          <p className="muted models-empty">Loading…</p>
        ) : null}
        {models.state === "ok" && shown.length === 0 ? (
          <p className="muted models-empty">No models seen yet: send calls through the gateway.</p>
        ) : null}
        {shown.map((m) => (
          <ModelRow key={`${m.provider}-${m.requestedModel}`} model={m} />
        ))}
      </div>
      {pins.state === "error" ? <ErrorMessage error={pins.error} title="Cannot read pins" /> : null}
      {pinsView ? <PinsPanel view={pinsView} onChanged={() => setVersion((v) => v + 1)} /> : null}
    </div>
  );
}

function ModelRow({ model }: { model: ModelSeen }) {
  return (
    <div className="models-row" data-testid="model-row" data-model={model.requestedModel}>
      <span>
        <strong className="models-mono">{model.requestedModel}</strong>
        <span className="muted small"> {model.provider ?? ""}</span>
        {model.pinnedTo ? (
          <div className="small">
            pin → <span className="models-mono">{model.pinnedTo}</span>
          </div>
        ) : null}
      </span>
      <span>
        <span
          className={`badge ${model.kind === "pinned" ? "badge-ok" : "badge-warn"}`}
          data-testid="model-kind"
        >
          {model.kind}
        </span>
        {model.servedChanged ? (
          <span className="badge badge-error" title="the served model changed">
            changed
          </span>
        ) : null}
        {model.pinWarnings > 0 ? (
          <span
            className="badge badge-warn"
            data-testid="pin-warnings"
            title="gateway calls answered with x-genchi-pin-warning (pin policy warn): pin this model to a snapshot"
          >
            {formatCount(model.pinWarnings)} pin warnings
          </span>
        ) : null}
      </span>
      <span className="models-served">
        {model.servedModels.map((s) => (
          <span key={`${s.source}-${s.model}`} className="small" data-testid="served-model">
            <span className="models-mono">{s.model}</span>{" "}
            <span className="muted">
              {s.source} · {formatCount(s.calls)} calls · {formatTime(s.firstSeen)} → {formatTime(s.lastSeen)}
            </span>
          </span>
        ))}
      </span>
      <span className="small">
        {model.routes.map((r) => `${r.route ?? "(no route)"} (${formatCount(r.calls)})`).join(", ")}
      </span>
    </div>
  );
}
