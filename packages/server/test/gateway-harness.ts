/** Test helpers for the gateway: a genchi server in front of the scripted upstream, and call polling. */
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import type { Call, CallsPage } from "@genchi/spec";
import { createTempSqlitePath } from "@genchi/testkit";
import { type RunningServer, type StartServerOptions, startServer } from "../src/app/start-server.js";

export interface GatewayHarness {
  upstream: ScriptedUpstream;
  server: RunningServer;
  key: string;
  /** Waits until `n` calls (newest first) are stored (at most a generous 30 s), then returns them. */
  calls(n: number, query?: string): Promise<Call[]>;
  close(): Promise<void>;
}

export async function startGatewayHarness(
  options: Partial<StartServerOptions> = {},
  upstreamOptions: Parameters<typeof startScriptedUpstream>[0] = {},
): Promise<GatewayHarness> {
  const key = `gk_test_gateway_${Math.random().toString(36).slice(2)}0123456789`;
  const upstream = await startScriptedUpstream(upstreamOptions);
  const tmp = createTempSqlitePath();
  const server = await startServer({
    db: tmp.path,
    port: 0,
    host: "127.0.0.1",
    initProjectKey: key,
    quiet: true,
    upstreams: { openai: { baseUrl: `${upstream.url}/v1` }, anthropic: { baseUrl: upstream.url } },
    ...options,
  });
  return {
    upstream,
    server,
    key,
    async calls(n, query = "") {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const res = await fetch(`${server.url}/api/v1/calls?limit=${Math.max(n, 50)}${query}`, {
          headers: { authorization: `Bearer ${key}` },
        });
        const page = (await res.json()) as CallsPage;
        if (page.data.length >= n || Date.now() > deadline) return page.data;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await server.close();
      await upstream.close();
      tmp.remove();
    },
  };
}

/** Replaces the random parts of provider responses (ids, timestamps) so two answers compare equal. */
export function normalizeIds(text: string): string {
  return text
    .replace(/(chatcmpl-|msg_|toolu_|call_|resp_|req_|fc_|rs_)[A-Za-z0-9]+/g, "$1X")
    .replace(/"(created|created_at)":\s*\d+/g, '"$1":0');
}
