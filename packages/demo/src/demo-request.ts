/** The demo steps' one way to the running server: the SDK's typed client with the demo's key. */
import { type GenchiApi, withGenchi } from "@genchi/eval/cli";
import type { DemoContext } from "./demo-context.js";

/**
 * Runs `use` with the typed client of the running server; a failure throws with `step`
 * (e.g. `demo drift`) and the server's answer.
 *
 * @example const page = await demoRequest(context, "demo drift", (api) => api.calls.list({ query: { route } }))
 */
export async function demoRequest<T>(
  context: Pick<DemoContext, "url" | "key">,
  step: string,
  use: (api: GenchiApi) => Promise<T>,
): Promise<T> {
  try {
    return await withGenchi({ url: context.url, key: context.key }, use);
  } catch (error) {
    throw new Error(`${step}: ${(error as Error).message}`);
  }
}
