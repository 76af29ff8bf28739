/**
 * Structured-output adherence end to end on SQLite and PostgreSQL: `generateObject` against
 * the scripted upstream logs its attempts to a real genchi server, and
 * `GET /api/v1/stats/adherence` counts first-try successes, successes after re-asks and
 * failures per route.
 */
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import { Genchi, GenerateObjectError, generateObject } from "@genchi/sdk";
import type { Adherence } from "@genchi/spec";
import { storeBackends } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type RunningServer, startServer } from "../src/app/start-server.js";

const key = "gk_test_adherence_0123456789abcd";
const schema = z.object({ category: z.enum(["shoes", "bags"]) });
const messages = [{ role: "user", content: "Categorize: a leather tote" }];

describe.each(storeBackends)("structured adherence on %s", (_name, makeTarget) => {
  let server: RunningServer;
  let upstream: ScriptedUpstream;
  let genchi: Genchi;
  let cleanup: () => Promise<void>;

  const get = async (path: string) => {
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
    return { status: res.status, body: (await res.json()) as Adherence };
  };
  const run = (route: string, maxRetries = 1) =>
    generateObject({
      baseURL: `${upstream.url}/v1`,
      genchi,
      route,
      model: "gpt-4o-mini",
      schema,
      messages,
      maxRetries,
    });

  beforeAll(async () => {
    const target = await makeTarget();
    cleanup = target.cleanup;
    server = await startServer({ db: target.url, port: 0, initProjectKey: key, quiet: true });
    upstream = await startScriptedUpstream();
    genchi = new Genchi({ url: server.url, key, flushOnExit: false, onError: () => {} });
    upstream.script({ type: "json", value: { category: "bags" } });
    await run("categorize");
    upstream.script({ type: "text", text: "bags" }, { type: "json", value: { category: "bags" } });
    await run("categorize");
    upstream.script(
      { type: "json", value: { category: "hats" } },
      { type: "json", value: { category: "caps" } },
    );
    await expect(run("categorize")).rejects.toBeInstanceOf(GenerateObjectError);
    upstream.script(
      { type: "json", value: { category: "shoes" } },
      { type: "json", value: { category: "shoes" } },
    );
    await run("tagging");
    await run("tagging");
    await genchi.flush();
  });

  afterAll(async () => {
    await genchi?.shutdown({ timeoutMs: 2000 });
    await upstream?.close();
    await server?.close();
    await cleanup?.();
  });

  it("counts each generation once, by how it ended, per route", async () => {
    const { status, body } = await get("/api/v1/stats/adherence");
    expect(status).toBe(200);
    const categorize = body.routes.find((r) => r.route === "categorize");
    expect(categorize).toMatchObject({ firstTry: 1, afterRetries: 1, failed: 1, errors: 0 });
    expect(categorize?.rate).toBeCloseTo(2 / 3, 6);
    expect(categorize?.firstTryRate).toBeCloseTo(1 / 3, 6);
    expect(body.routes.find((r) => r.route === "tagging")).toMatchObject({ firstTry: 2, rate: 1 });
    expect(body.total).toMatchObject({ firstTry: 3, afterRetries: 1, failed: 1 });
  });

  it("filters by route and range, and rejects a bad range", async () => {
    const only = await get("/api/v1/stats/adherence?route=tagging");
    expect(only.body.routes.map((r) => r.route)).toEqual(["tagging"]);
    const past = await get("/api/v1/stats/adherence?since=2020-01-01T00:00:00Z&until=2020-01-02T00:00:00Z");
    expect(past.body.total).toMatchObject({ firstTry: 0, failed: 0, rate: null });
    const bad = await fetch(`${server.url}/api/v1/stats/adherence?since=nope`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(bad.status).toBe(400);
  });
});
