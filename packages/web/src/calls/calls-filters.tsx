/** The call list's filters, all kept in the URL query string. */
import type { Facets } from "@genchi/spec";
import { type FormEvent, useState } from "react";
import { fromLocalInput, isRangePreset, rangeOf, rangePresets, toLocalInput } from "../lib/time-range.js";

const labels = ["strong_positive", "positive", "negative", "strong_negative"];

export const filterNames = [
  "route",
  "model",
  "status",
  "userId",
  "sessionId",
  "tag",
  "label",
  "since",
  "until",
  "q",
] as const;

interface CallsFiltersProps {
  params: URLSearchParams;
  facets: Facets | null;
  onChange: (changes: Record<string, string | null>) => void;
}

export function CallsFilters({ params, facets, onChange }: CallsFiltersProps) {
  const text = (name: string) => params.get(name) ?? "";
  const [q, setQ] = useState(text("q"));
  const [user, setUser] = useState(text("userId"));
  const [session, setSession] = useState(text("sessionId"));
  const [tag, setTag] = useState(text("tag"));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({
      q: q.trim() || null,
      userId: user.trim() || null,
      sessionId: session.trim() || null,
      tag: tag.trim() || null,
    });
  };
  const select = (name: string, label: string, values: Array<string | null>) => {
    const current = text(name);
    const options = current && !values.includes(current) ? [current, ...values] : values;
    return (
      <label className="field">
        <span>{label}</span>
        <select name={name} value={current} onChange={(e) => onChange({ [name]: e.target.value || null })}>
          <option value="">any</option>
          {options
            .filter((v): v is string => v !== null)
            .map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
        </select>
      </label>
    );
  };
  const active = filterNames.some((name) => params.has(name));
  return (
    <form className="filters" onSubmit={submit} aria-label="filters">
      <label className="field field-grow">
        <span>Search</span>
        <input
          name="q"
          type="search"
          placeholder="words in input or output…"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </label>
      <div className="field field-buttons">
        <button type="submit" className="primary">
          Apply
        </button>
        {active ? (
          <button
            type="button"
            onClick={() => onChange(Object.fromEntries(filterNames.map((n) => [n, null])))}
          >
            Clear
          </button>
        ) : null}
      </div>
      {select("route", "Route", facets?.routes.map((r) => r.value) ?? [])}
      {select("model", "Model", facets?.models.map((m) => m.value) ?? [])}
      {select("status", "Status", ["ok", "error"])}
      {select("label", "Feedback", labels)}
      <label className="field">
        <span>User</span>
        <input name="userId" value={user} onChange={(e) => setUser(e.target.value)} size={7} />
      </label>
      <label className="field">
        <span>Session</span>
        <input name="sessionId" value={session} onChange={(e) => setSession(e.target.value)} size={7} />
      </label>
      <label className="field">
        <span>Tag</span>
        <input name="tag" value={tag} onChange={(e) => setTag(e.target.value)} size={5} />
      </label>
      <label className="field">
        <span>Last</span>
        <select
          name="range"
          value=""
          onChange={(e) => {
            const preset = e.target.value;
            if (isRangePreset(preset)) onChange({ since: rangeOf(preset).since, until: null });
          }}
        >
          <option value="">…</option>
          {rangePresets.map((preset) => (
            <option key={preset} value={preset}>
              {preset}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Since</span>
        <input
          name="since"
          type="datetime-local"
          value={toLocalInput(params.get("since"))}
          onChange={(e) => onChange({ since: fromLocalInput(e.target.value) ?? null })}
        />
      </label>
      <label className="field">
        <span>Until</span>
        <input
          name="until"
          type="datetime-local"
          value={toLocalInput(params.get("until"))}
          onChange={(e) => onChange({ until: fromLocalInput(e.target.value) ?? null })}
        />
      </label>
    </form>
  );
}
