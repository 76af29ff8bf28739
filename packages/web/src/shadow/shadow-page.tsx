/**
 * The Shadow page: pick a route, see its shadow report — summary tiles, the eval suite's
 * assertions on primary vs candidate with the pairs whose verdict flipped, and every pair side
 * by side (primary left, candidate right, differences marked, links to both calls).
 */
import type { ShadowPair, ShadowReport } from "@genchi/spec";
import { useState } from "react";
import { Link } from "wouter";
import { useApi } from "../api/use-api.js";
import { useAuth } from "../auth/auth-context.js";
import { formatMs, formatPercent, formatUsd } from "../lib/format.js";
import { useQueryParams } from "../lib/use-query-params.js";
import { ErrorMessage } from "../ui/error-message.js";
import { OutputDiff } from "./output-diff.js";
import { ShadowTiles } from "./shadow-tiles.js";
import "./shadow.css";

type PairFilter = "all" | "differ" | "errors" | "flipped";
const pageSize = 100;

export function ShadowPage() {
  const { client } = useAuth();
  const [params, setParams] = useQueryParams();
  const routes = useApi((signal) => client.shadow.routes({ signal }), "shadow-routes");
  const configured = routes.state === "ok" ? routes.data.data : [];
  const route = params.get("route") ?? configured[0]?.route ?? "";
  const names = [...new Set([...configured.map((r) => r.route), ...(route ? [route] : [])])].sort();
  const setting = configured.find((r) => r.route === route);
  return (
    <div className="page">
      <div className="toolbar">
        <h1>Shadow</h1>
        <label className="field">
          Route
          <select
            value={route}
            onChange={(e) => setParams({ route: e.target.value, assertion: null, filter: null })}
            data-testid="shadow-route"
          >
            {names.length === 0 ? <option value="">no shadow routes</option> : null}
            {names.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        {setting ? (
          <span className="muted small" data-testid="shadow-setting">
            candidate <span className="shadow-mono">{setting.candidate}</span> ·{" "}
            {formatPercent(setting.sampleRate)} sampled
            {setting.suite ? (
              <>
                {" "}
                · suite <span className="shadow-mono">{setting.suite}</span>
              </>
            ) : null}{" "}
            · from {setting.origin === "api" ? "the API" : "the config file"}
          </span>
        ) : null}
      </div>
      {routes.state === "error" ? (
        <ErrorMessage error={routes.error} title="Cannot list shadow routes" />
      ) : null}
      {routes.state === "ok" && names.length === 0 ? (
        <div className="message">
          <strong>No shadow routes yet.</strong>
          <span>
            Mirror a route's traffic to a candidate model with{" "}
            <code>
              PUT /api/v1/shadow/routes/ROUTE {"{"}"candidate":"gpt-4.1-nano","sampleRate":0.1{"}"}
            </code>{" "}
            or <code>models.shadow</code> in the config file.
          </span>
        </div>
      ) : null}
      {route ? <ShadowReportView route={route} /> : null}
    </div>
  );
}

function ShadowReportView({ route }: { route: string }) {
  const { client } = useAuth();
  const [params, setParams] = useQueryParams();
  const [shown, setShown] = useState(pageSize);
  const report = useApi(
    (signal) => client.shadow.report({ query: { route }, signal }),
    `shadow-report:${route}`,
  );
  if (report.state === "error")
    return <ErrorMessage error={report.error} title="Cannot build the shadow report" />;
  if (report.state === "loading" && !report.data) return <p className="muted">Building the report…</p>;
  const data = report.data!;
  const assertionIndex = params.get("assertion");
  const flippedAssertion =
    assertionIndex !== null
      ? data.suite?.assertions.find((a) => String(a.index) === assertionIndex)
      : undefined;
  const filter = (params.get("filter") as PairFilter | null) ?? (flippedAssertion ? "flipped" : "all");
  const flipped = new Set(flippedAssertion?.flips.map((f) => f.shadowId) ?? []);
  const pairs = data.pairs.filter((p) =>
    filter === "differ"
      ? !p.exactMatch
      : filter === "errors"
        ? p.candidateError !== null
        : filter === "flipped"
          ? flipped.has(p.shadowId)
          : true,
  );
  return (
    <>
      <ShadowTiles report={data} />
      {data.suite ? (
        <section className="card shadow-suite" data-testid="shadow-suite">
          <h2>Suite assertions · primary vs candidate</h2>
          {data.suite.error ? (
            <div className="message message-error" role="alert">
              <strong>The suite could not be loaded</strong>
              <span>{data.suite.error}</span>
            </div>
          ) : (
            <div className="shadow-suite-table">
              <div className="shadow-suite-row shadow-suite-head">
                <span>Assertion</span>
                <span>Primary</span>
                <span>Candidate</span>
                <span>Flipped</span>
              </div>
              {data.suite.assertions.map((a) => {
                const regressed = a.flips.filter((f) => f.direction === "regressed").length;
                const better = a.flips.length - regressed;
                return (
                  <div
                    key={a.index}
                    className="shadow-suite-row"
                    data-testid="suite-assertion"
                    data-type={a.type}
                  >
                    <span className="shadow-mono" title={a.label}>
                      {a.label}
                    </span>
                    {a.skipped ? (
                      <span className="muted small shadow-span2" data-testid="suite-skipped">
                        skipped: {a.skipped}
                      </span>
                    ) : (
                      <>
                        <span data-testid="suite-primary">{formatPercent(a.primaryPassRate)}</span>
                        <span
                          data-testid="suite-candidate"
                          className={
                            (a.candidatePassRate ?? 0) < (a.primaryPassRate ?? 0) ? "text-error" : ""
                          }
                        >
                          {formatPercent(a.candidatePassRate)}
                        </span>
                      </>
                    )}
                    <span>
                      {a.flips.length === 0 ? (
                        <span className="muted">none</span>
                      ) : (
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => setParams({ assertion: String(a.index), filter: "flipped" })}
                          data-testid="suite-flips"
                        >
                          {regressed} worse{better ? `, ${better} better` : ""}
                        </button>
                      )}
                    </span>
                  </div>
                );
              })}
            </div>
          )}
        </section>
      ) : null}
      <div className="toolbar">
        <fieldset className="segmented" aria-label="pairs to show">
          {(
            [
              ["all", `All ${data.pairs.length}`],
              ["differ", "Different"],
              ["errors", "Candidate errors"],
              ...(flippedAssertion ? [["flipped", `Flipped: ${flippedAssertion.label}`]] : []),
            ] as [PairFilter, string][]
          ).map(([id, label]) => (
            <button
              key={id}
              type="button"
              className={filter === id ? "active" : ""}
              onClick={() =>
                setParams({
                  filter: id === "all" ? null : id,
                  ...(id === "flipped" ? {} : { assertion: null }),
                })
              }
              data-testid={`pairs-${id}`}
            >
              {label}
            </button>
          ))}
        </fieldset>
        <span className="muted small" data-testid="pairs-count">
          {pairs.length} pairs shown
        </span>
      </div>
      <div className="card shadow-pairs" data-testid="shadow-pairs">
        <div className="shadow-pair shadow-pair-head">
          <span>Primary</span>
          <span>Candidate</span>
        </div>
        {pairs.slice(0, shown).map((p) => (
          <PairRow key={p.shadowId} pair={p} report={data} />
        ))}
        {pairs.length === 0 ? <p className="muted shadow-empty">No pairs here.</p> : null}
        {pairs.length > shown ? (
          <button type="button" className="ghost" onClick={() => setShown((n) => n + pageSize)}>
            Show {Math.min(pageSize, pairs.length - shown)} more
          </button>
        ) : null}
      </div>
    </>
  );
}

function Verdicts({ verdicts, report }: { verdicts: (boolean | null)[]; report: ShadowReport }) {
  return (
    <span className="shadow-verdicts">
      {verdicts.map((v, i) =>
        v === null ? null : (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: verdicts follow the suite's assertion order.
            key={i}
            className={`badge ${v ? "badge-ok" : "badge-error"}`}
            title={report.suite?.assertions[i]?.label ?? ""}
          >
            {v ? "✓" : "✗"} {report.suite?.assertions[i]?.type}
          </span>
        ),
      )}
    </span>
  );
}

function PairRow({ pair, report }: { pair: ShadowPair; report: ShadowReport }) {
  return (
    <div className="shadow-pair" data-testid="shadow-pair" data-exact={pair.exactMatch}>
      <pre
        className="shadow-pair-input small"
        data-testid="shadow-pair-input"
        title="the input both models answered"
      >
        {pair.input}
      </pre>
      <OutputDiff primary={pair.primaryOutput} candidate={pair.candidateOutput} error={pair.candidateError} />
      <div className="shadow-pair-meta small">
        <Link href={`/calls/${encodeURIComponent(pair.primaryId)}`} data-testid="primary-link">
          {pair.primaryModel ?? "primary"}
        </Link>
        <span className="muted">
          {formatMs(pair.primaryLatencyMs)} · {formatUsd(pair.primaryCostUsd)}
        </span>
        <span className={`badge ${pair.primaryJsonValid ? "badge-ok" : ""}`}>
          {pair.primaryJsonValid ? "JSON" : "text"}
        </span>
        {pair.suite ? <Verdicts verdicts={pair.suite.primary} report={report} /> : null}
      </div>
      <div className="shadow-pair-meta small">
        <Link href={`/calls/${encodeURIComponent(pair.shadowId)}`} data-testid="candidate-link">
          {pair.candidateModel ?? "candidate"}
        </Link>
        <span className="muted">
          {formatMs(pair.candidateLatencyMs)} · {formatUsd(pair.candidateCostUsd)}
        </span>
        {pair.candidateError === null ? (
          <>
            <span className={`badge ${pair.exactMatch ? "badge-ok" : "badge-warn"}`}>
              {pair.exactMatch ? "same" : `similarity ${pair.similarity.toFixed(2)}`}
            </span>
            <span className={`badge ${pair.candidateJsonValid ? "badge-ok" : ""}`}>
              {pair.candidateJsonValid ? "JSON" : "text"}
            </span>
          </>
        ) : (
          <span className="badge badge-error">error</span>
        )}
        {pair.suite ? <Verdicts verdicts={pair.suite.candidate} report={report} /> : null}
      </div>
    </div>
  );
}
