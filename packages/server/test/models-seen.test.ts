/**
 * The Models page's data over real HTTP on SQLite and PostgreSQL: pin policy `warn` answers
 * with `x-genchi-pin-warning` and counts the warned calls per model; calls of one alias logged
 * through the SDK and through the gateway (which report served ids differently) are one entry
 * with no silent-update alarm.
 */
import type { ModelSeen } from "@genchi/spec";
import { storeBackends } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayHarness, startGatewayHarness } from "./gateway-harness.js";

describe.each(storeBackends)("models seen on %s", (_name, makeTarget) => {
  let h: GatewayHarness;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const target = await makeTarget();
    cleanup = target.cleanup;
    h = await startGatewayHarness({
      db: target.url,
      models: { policy: "warn" },
      gateway: { logLingerMs: 20 },
    });
  });

  afterAll(async () => {
    await h.close();
    await cleanup();
  });

  const chat = async (model: string) => {
    const res = await fetch(`${h.server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-genchi-key": h.key, "x-genchi-route": "models" },
      body: JSON.stringify({ model, messages: [{ role: "user", content: "hello" }] }),
    });
    await res.arrayBuffer();
    return res;
  };

  it("warns in a header on each floating-alias call, and counts them on the models API", async () => {
    const warned = await chat("gpt-4o-mini");
    expect(warned.status).toBe(200);
    expect(warned.headers.get("x-genchi-pin-warning")).toMatch(/gpt-4o-mini/);
    const pinned = await chat("gpt-4o-mini-2024-07-18");
    expect(pinned.headers.get("x-genchi-pin-warning")).toBeNull();
    await chat("gpt-4o-mini");
    await chat("gpt-4o-mini");
    const logged = await h.calls(4, "&route=models");
    const served = logged.find((c) => c.requestedModel === "gpt-4o-mini")!.model!;

    // The app also logs calls of the same alias through the SDK/REST, with the id it passed on.
    const ingest = await fetch(`${h.server.url}/api/v1/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${h.key}`, "content-type": "application/json" },
      body: JSON.stringify({
        calls: [1, 2].map((i) => ({ id: `sdk-${i}`, input: "hi", route: "models", model: "gpt-4o-mini" })),
      }),
    });
    expect(ingest.status).toBe(207);

    const res = await fetch(`${h.server.url}/api/v1/models`, {
      headers: { authorization: `Bearer ${h.key}` },
    });
    const { data } = (await res.json()) as { data: ModelSeen[] };
    const alias = data.filter((m) => m.requestedModel === "gpt-4o-mini");
    expect(alias).toHaveLength(1);
    expect(alias[0]).toMatchObject({
      provider: "openai",
      pinWarnings: 3,
      servedChanged: false,
      servedChange: null,
    });
    expect(alias[0]!.servedModels.map((s) => `${s.source}:${s.model}:${s.calls}`).sort()).toEqual(
      [`gateway:${served}:3`, "sdk:gpt-4o-mini:2"].sort(),
    );
    expect(data.find((m) => m.requestedModel === "gpt-4o-mini-2024-07-18")?.pinWarnings).toBe(0);
  });
});
