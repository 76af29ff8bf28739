/**
 * Pages through `GET /api/v1/calls` with its cursor: the rows loaded so far, whether more
 * exist, and `loadMore()` for infinite scroll. Starts over when the filters change.
 */
import type { Call } from "@genchi/spec";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiClient, QueryParams } from "../api/api-client.js";
import type { ApiError } from "../api/api-error.js";
import { toApiError } from "../api/use-api.js";

export interface CallsPages {
  rows: Call[];
  loading: boolean;
  error: ApiError | null;
  hasMore: boolean;
  loadMore: () => void;
}

const pageSize = 200;

/**
 * @example const { rows, hasMore, loadMore } = useCallsPages(client, { route: "categorize" })
 */
export function useCallsPages(client: ApiClient, filters: QueryParams, filtersKey: string): CallsPages {
  const [rows, setRows] = useState<Call[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(true);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
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
      client
        .calls({ ...filtersRef.current, limit: pageSize, cursor: after ?? undefined })
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
