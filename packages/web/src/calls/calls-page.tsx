/** The calls explorer: filters in the URL, full-text search, a virtualized infinite table. */
import type { Facets } from "@genchi/spec";
import { useMemo, useState } from "react";
import { useApi } from "../api/use-api.js";
import { useAuth } from "../auth/auth-context.js";
import { formatCount } from "../lib/format.js";
import { useQueryParams } from "../lib/use-query-params.js";
import { ErrorMessage } from "../ui/error-message.js";
import { CallsFilters, filterNames } from "./calls-filters.js";
import { CallsTable } from "./calls-table.js";
import { ColumnPicker } from "./column-picker.js";
import { columns, loadColumnIds, saveColumnIds } from "./columns.js";
import { type CallsFiltersQuery, useCallsPages } from "./use-calls-pages.js";

const ninetyDaysMs = 90 * 86_400_000;

export function CallsPage() {
  const { client } = useAuth();
  const [params, setParams] = useQueryParams();
  const filters = useMemo(
    // From the URL as typed: the server checks each value and names a bad one.
    () => Object.fromEntries(filterNames.map((n) => [n, params.get(n) ?? undefined])) as CallsFiltersQuery,
    [params],
  );
  const filtersKey = JSON.stringify(filters);
  const pages = useCallsPages(client, filters, filtersKey);
  const [chosen, setChosen] = useState(loadColumnIds);
  const shown = columns.filter((c) => chosen.includes(c.id));

  const facetSince = useMemo(
    () => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - ninetyDaysMs).toISOString(),
    [],
  );
  const facets = useApi<Facets>(
    (signal) => client.stats.facets({ query: { since: facetSince }, signal }),
    `facets:${facetSince}`,
  );

  return (
    <div className="page page-fill">
      <div className="toolbar">
        <h1>Calls</h1>
        <span className="muted small" data-testid="calls-count">
          {pages.error
            ? ""
            : `${formatCount(pages.rows.length)}${pages.hasMore ? "+" : ""} ${pages.rows.length === 1 && !pages.hasMore ? "call" : "calls"}`}
        </span>
        <div className="spacer" />
        <ColumnPicker
          chosen={chosen}
          onChange={(ids) => {
            setChosen(ids);
            saveColumnIds(ids);
          }}
        />
      </div>
      <CallsFilters
        key={params.toString()}
        params={params}
        facets={facets.state === "ok" ? facets.data : null}
        onChange={setParams}
      />
      {pages.error ? <ErrorMessage error={pages.error} /> : null}
      {pages.error && pages.rows.length === 0 ? null : (
        <CallsTable
          rows={pages.rows}
          columns={shown}
          hasMore={pages.hasMore}
          loading={pages.loading}
          onNeedMore={pages.loadMore}
          label={params.get("label")}
        />
      )}
    </div>
  );
}
