/** The demo steps' one HTTP helper: a JSON request to the running server with the demo's key. */
import type { DemoContext } from "./demo-context.js";

/**
 * Sends `body` as JSON and resolves with the JSON answer; a non-2xx answer throws with
 * `step` (e.g. `demo drift`), the request and the server's text.
 *
 * @example const page = await demoRequest<CallsPage>(context, "demo drift", "GET", "/api/v1/calls")
 */
export async function demoRequest<T>(
  context: Pick<DemoContext, "url" | "key">,
  step: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${context.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${context.key}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${step}: ${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
