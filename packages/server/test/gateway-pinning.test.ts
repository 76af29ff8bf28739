/** Pin policies at the gateway (off, warn, resolve, reject) and models seen with a served-model change. */
import type { ModelSeen } from "@genchi/spec";
import { afterEach, describe, expect, it } from "vitest";
import { type GatewayHarness, startGatewayHarness } from "./gateway-harness.js";

const pins = [{ route: null, alias: "gpt-4o", pinned: "gpt-4o-2024-08-06" }];

describe("gateway pinning", () => {
  let h: GatewayHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  const ask = (model: string) =>
    fetch(`${h!.server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-genchi-key": h!.key },
      body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] }),
    });

  it("off: the alias goes upstream as asked, no warning", async () => {
    h = await startGatewayHarness({ models: { policy: "off", pins } });
    expect((await ask("gpt-4o")).status).toBe(200);
    expect(h.upstream.requests.at(-1)?.body).toMatchObject({ model: "gpt-4o" });
    const [call] = await h.calls(1);
    expect(call?.metadata["warnings"]).toBeUndefined();
  });

  it("warn: the call records a warning naming the snapshot", async () => {
    h = await startGatewayHarness({ models: { policy: "warn", pins } });
    expect((await ask("gpt-4o")).status).toBe(200);
    expect(h.upstream.requests.at(-1)?.body).toMatchObject({ model: "gpt-4o" });
    const [call] = await h.calls(1);
    expect(String((call?.metadata["warnings"] as string[] | undefined)?.[0])).toContain("gpt-4o-2024-08-06");
  });

  it("resolve: the alias is rewritten to the pinned snapshot before forwarding", async () => {
    h = await startGatewayHarness({ models: { policy: "resolve", pins } });
    expect((await ask("gpt-4o")).status).toBe(200);
    expect(h.upstream.requests.at(-1)?.body).toMatchObject({ model: "gpt-4o-2024-08-06" });
    const [call] = await h.calls(1);
    expect(call).toMatchObject({ requestedModel: "gpt-4o", model: "gpt-4o-2024-08-06" });
    expect(call?.metadata["pinResolvedFrom"]).toBe("gpt-4o");
  });

  it("reject: 400 saying which snapshot to use; pinned ids pass", async () => {
    h = await startGatewayHarness({ models: { policy: "reject", pins } });
    const res = await ask("gpt-4o");
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe("GENCHI_MODEL_NOT_PINNED");
    expect(json.error.message).toContain("use the pinned snapshot 'gpt-4o-2024-08-06'");
    expect(h.upstream.requests.length).toBe(0);
    expect((await ask("gpt-4o-2024-08-06")).status).toBe(200);
  });

  it("models seen: pinned vs floating, and a silent served-model change is flagged", async () => {
    h = await startGatewayHarness();
    h.upstream.script(
      { type: "text", text: "a", model: "gpt-4o-mini-2024-07-18" },
      { type: "text", text: "b", model: "gpt-4o-mini-2025-01-15" },
    );
    await ask("gpt-4o-mini");
    await ask("gpt-4o-mini");
    await ask("gpt-4o-2024-08-06");
    await h.calls(3);
    const res = await fetch(`${h.server.url}/api/v1/models`, {
      headers: { authorization: `Bearer ${h.key}` },
    });
    const { data } = (await res.json()) as { data: ModelSeen[] };
    const mini = data.find((m) => m.requestedModel === "gpt-4o-mini");
    expect(mini).toMatchObject({ kind: "floating", servedChanged: true });
    expect(mini?.servedModels.map((s) => s.model)).toEqual([
      "gpt-4o-mini-2024-07-18",
      "gpt-4o-mini-2025-01-15",
    ]);
    expect(data.find((m) => m.requestedModel === "gpt-4o-2024-08-06")).toMatchObject({
      kind: "pinned",
      servedChanged: false,
    });
  });

  it("pins and policy through the API, per project, applied by the gateway", async () => {
    h = await startGatewayHarness();
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${h!.server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${h!.key}`,
          ...(body ? { "content-type": "application/json" } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    expect((await api("PUT", "/api/v1/models/policy", { policy: "resolve" })).status).toBe(200);
    expect(
      (await api("PUT", "/api/v1/models/pins", { alias: "gpt-4o-mini", pinned: "gpt-4o-mini-2024-07-18" }))
        .status,
    ).toBe(200);
    const bad = await api("PUT", "/api/v1/models/pins", { alias: "a", route: "b", pinned: "x" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("e.g.");
    const listed = (await (await api("GET", "/api/v1/models/pins")).json()) as {
      policy: string;
      pins: unknown[];
    };
    expect(listed).toMatchObject({
      policy: "resolve",
      pins: [{ alias: "gpt-4o-mini", pinned: "gpt-4o-mini-2024-07-18" }],
    });
    expect((await ask("gpt-4o-mini")).status).toBe(200);
    expect(h.upstream.requests.at(-1)?.body).toMatchObject({ model: "gpt-4o-mini-2024-07-18" });
    expect((await api("DELETE", "/api/v1/models/pins?alias=gpt-4o-mini")).status).toBe(204);
    expect((await api("DELETE", "/api/v1/models/pins?alias=gpt-4o-mini")).status).toBe(404);
    await api("PUT", "/api/v1/models/policy", { policy: "reject" });
    const refused = await ask("gpt-4o-mini");
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("pin it");
  });
});
