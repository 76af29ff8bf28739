/**
 * Pages through `GET /api/v1/calls` with its cursor: the rows loaded so far, whether more
 * exist, and `loadMore()` for infinite scroll. Starts over when the filters change.
 */

import type { GenchiApiError } from "@genchi/sdk/api";
import type { api, Call } from "@genchi/spec";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiClient, QueryOf } from "../api/api-client.js";
import { toApiError } from "../api/use-api.js";

export interface CallsPages {
  rows: Call[];
  loading: boolean;
  error: GenchiApiError | null;
  hasMore: boolean;
  loadMore: () => void;
}

const pageSize = 200;

/**
 * @example const { rows, hasMore, loadMore } = useCallsPages(client, { route: "categorize" })
 */
/** The calls list's filters (the page size and cursor are this hook's). */
export type CallsFiltersQuery = Omit<QueryOf<typeof api.calls.list>, "limit" | "cursor">;

export function useCallsPages(client: ApiClient, filters: CallsFiltersQuery, filtersKey: string): CallsPages {
  const [rows, setRows] = useState<Call[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(true);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<GenchiApiError | null>(null);
  const generation = useRef(0);
  const inFlight = useRef(false);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  const fetchPage = useCallback(
    (after: string | null) => {
      if (inFlight.current) return;
      inFlight.current = true;
      const mine = generation.current;
      setLoading(true);
      client.calls
        .list({ query: { ...filtersRef.current, limit: pageSize, cursor: after ?? undefined } })
        .then(
          (page) => {
            if (mine !== generation.current) return;
            setRows((previous) => (after ? [...previous, ...page.data] : page.data));
            setCursor(page.nextCursor);
            setHasMore(page.nextCursor !== null);
            setError(null);
          },
          (failure: unknown) => {
            if (mine !== generation.current) return;
            setError(toApiError(failure));
            setHasMore(false);
          },
        )
        .finally(() => {
          if (mine !== generation.current) return;
          inFlight.current = false;
          setLoading(false);
        });
    },
    [client],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filtersKey starts the list over.
  useEffect(() => {
    generation.current += 1;
    inFlight.current = false;
    setRows([]);
    setCursor(null);
    setHasMore(true);
    setError(null);
    fetchPage(null);
  }, [filtersKey, fetchPage]);

  const loadMore = useCallback(() => {
    if (hasMore && cursor && !inFlight.current) fetchPage(cursor);
  }, [hasMore, cursor, fetchPage]);

  return { rows, loading, error, hasMore, loadMore };
}
