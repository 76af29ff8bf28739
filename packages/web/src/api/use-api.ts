/** A hook that loads one API resource and returns it as data: loading, ok or error. */

import { GenchiApiError } from "@genchi/sdk/api";
import { useEffect, useRef, useState } from "react";

export type Loaded<T> =
  | { state: "loading"; data?: T | undefined }
  | { state: "ok"; data: T }
  | { state: "error"; error: GenchiApiError };

/**
 * Runs `load` whenever `requestKey` changes (a string naming the request), aborting the previous one.
 *
 * @example const calls = useApi((signal) => client.calls.list({ query: { limit: 10 }, signal }), "calls:10")
 */
export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, requestKey: string): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: "loading" });
  const loadRef = useRef(load);
  loadRef.current = load;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new requestKey is what starts a new request.
  useEffect(() => {
    const load = loadRef.current;
    const controller = new AbortController();
    setResult((previous) => ({
      state: "loading",
      data: previous.state === "ok" ? previous.data : undefined,
    }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResult({ state: "ok", data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setResult({ state: "error", error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [requestKey]);
  return result;
}

/** Any thrown value as a GenchiApiError (status 0 for one that is not the server's). */
export function toApiError(error: unknown): GenchiApiError {
  if (GenchiApiError.isInstance(error)) return error;
  return new GenchiApiError(0, "GENCHI_INTERNAL", error instanceof Error ? error.message : String(error));
}
