/** A list read page by page with "load more": items so far, whether more exist, loading and error. */

import type { GenchiApiError } from "@genchi/sdk/api";
import { useCallback, useEffect, useRef, useState } from "react";
import { toApiError } from "../api/use-api.js";

export interface Paged<T> {
  items: T[];
  hasMore: boolean;
  loading: boolean;
  error: GenchiApiError | null;
  loadMore: () => void;
}

/**
 * Loads the first page whenever `requestKey` changes, the next on `loadMore()`.
 *
 * @example const runs = usePaged((cursor, signal) => evalRuns(client, { cursor }, signal), "runs")
 */
export function usePaged<T>(
  load: (
    cursor: string | undefined,
    signal: AbortSignal,
  ) => Promise<{ data: T[]; nextCursor: string | null }>,
  requestKey: string,
): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<GenchiApiError | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const controller = useRef<AbortController | null>(null);

  const fetchPage = useCallback((after: string | undefined, reset: boolean) => {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setLoading(true);
    loadRef.current(after, c.signal).then(
      (page) => {
        if (c.signal.aborted) return;
        setItems((prev) => (reset ? page.data : [...prev, ...page.data]));
        setCursor(page.nextCursor);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (c.signal.aborted) return;
        setError(toApiError(e));
        setLoading(false);
      },
    );
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new requestKey is what starts a new list.
  useEffect(() => {
    setItems([]);
    setCursor(null);
    fetchPage(undefined, true);
    return () => controller.current?.abort();
  }, [requestKey, fetchPage]);

  const loadMore = useCallback(() => {
    if (cursor && !loading) fetchPage(cursor, false);
  }, [cursor, loading, fetchPage]);

  return { items, hasMore: cursor !== null, loading, error, loadMore };
}
