/** A hook that loads one API resource and returns it as data: loading, ok or error. */
import { useEffect, useRef, useState } from "react";
import { ApiError } from "./api-error.js";

export type Loaded<T> =
  | { state: "loading"; data?: T | undefined }
  | { state: "ok"; data: T }
  | { state: "error"; error: ApiError };

/**
 * Runs `load` whenever `requestKey` changes (a string naming the request), aborting the previous one.
 *
 * @example const calls = useApi((signal) => client.calls({ limit: 10 }, signal), "calls:10")
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

/** Any thrown value as an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, "CLIENT", error instanceof Error ? error.message : String(error));
}
