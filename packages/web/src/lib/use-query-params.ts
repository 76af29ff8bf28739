/** The URL query string as state: read params, and replace some of them (history push). */
import { useCallback, useMemo } from "react";
import { useLocation, useSearch } from "wouter";

/**
 * @example const [params, setParams] = useQueryParams(); setParams({ route: "categorize", cursor: null })
 */
export function useQueryParams(): [
  URLSearchParams,
  (changes: Record<string, string | null | undefined>) => void,
] {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const update = useCallback(
    (changes: Record<string, string | null | undefined>) => {
      const next = new URLSearchParams(search);
      for (const [name, value] of Object.entries(changes)) {
        if (value === null || value === undefined || value === "") next.delete(name);
        else next.set(name, value);
      }
      const text = next.toString();
      navigate(text ? `${location}?${text}` : location);
    },
    [search, location, navigate],
  );
  return [params, update];
}

/** A link to the call list with these filters. */
export function callsHref(filters: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `/calls?${text}` : "/calls";
}
