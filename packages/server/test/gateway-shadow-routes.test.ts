/**
 * Shadow routes through the API and suite assertions on shadow pairs: a route set with
 * `PUT /api/v1/shadow/routes/:route` is shadowed without a restart, the API's route wins over the
 * config file's of the same name, and the report runs the route's suite (its shared assertions)
 * on both sides, listing the pairs whose verdict flipped; a judge nobody configured is skipped.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import type { ShadowReport, ShadowRouteEntry } from "@genchi/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../src/app/start-server.js";
import type { GatewayStats } from "../src/features/gateway/gateway.js";
import { type GatewayHarness, startGatewayHarness } from "./gateway-harness.js";

const suiteYaml = `description: answers are JSON billing categories
prompts: ["{{ticket}}"]
providers: [openai:chat:gpt-4o-mini]
defaultTest:
  assert:
    - type: is-json
    - type: javascript
      value: |
        try {
          return JSON.parse(output).category === "billing";
        } catch {
          return false;
        }
    - type: llm-rubric
      value: The answer is polite.
tests:
  - vars: { ticket: "charged twice" }
    assert: [{ type: contains, value: refund }]
  - vars: { ticket: "parcel lost" }
`;

describe("shadow routes API and suite assertions", () => {
  let h: GatewayHarness;
  let candidate: ScriptedUpstream;
  let dir: string;
  let suite: string;

  beforeAll(async () => {
    // Suites named through the API must live under the server's working folder.
    mkdirSync(join(process.cwd(), ".genchi"), { recursive: true });
    dir = mkdtempSync(join(process.cwd(), ".genchi", "test-shadow-suite-"));
    suite = join(dir, "billing.yaml");
    writeFileSync(suite, suiteYaml);
    candidate = await startScriptedUpstream({});
    h = await startGatewayHarness({
      models: {
        shadow: [{ route: "answer", candidate: "cheap/gpt-4.1-mini", sampleRate: 0.5, systemPrompt: null }],
      },
    });
    h.server.config.upstreams["cheap"] = { baseUrl: `${candidate.url}/v1` };
  });
  afterAll(async () => {
    await h?.close();
    await candidate?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${h.server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${h.key}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  };
  const stats = async () => (await api("GET", "/api/v1/gateway/stats")).body as unknown as GatewayStats;
  const ask = (i: number) =>
    fetch(`${h.server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-genchi-key": h.key, "x-genchi-route": "categorize" },
      body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: `ticket ${i}` }] }),
    }).then(async (r) => ({ id: r.headers.get("x-genchi-call-id"), text: await r.text() }));

  it("lists config routes, validates a PUT, and the API's route wins over the config's", async () => {
    const listed = await api("GET", "/api/v1/shadow/routes");
    expect(listed.body?.["data"]).toEqual([
      {
        route: "answer",
        candidate: "cheap/gpt-4.1-mini",
        sampleRate: 0.5,
        systemPrompt: null,
        suite: null,
        origin: "config",
      },
    ]);
    const bad = await api("PUT", "/api/v1/shadow/routes/categorize", { sampleRate: 2 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("candidate");
    const missing = await api("PUT", "/api/v1/shadow/routes/categorize", {
      candidate: "x",
      suite: join(dir, "nope.yaml"),
    });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain("not found");
    const outsideDir = mkdtempSync(join(tmpdir(), "genchi-outside-"));
    const outside = join(outsideDir, "suite.yaml");
    writeFileSync(outside, suiteYaml);
    const refused = await api("PUT", "/api/v1/shadow/routes/categorize", { candidate: "x", suite: outside });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain("outside the server's working folder");
    rmSync(outsideDir, { recursive: true, force: true });

    const over = await api("PUT", "/api/v1/shadow/routes/answer", { candidate: "cheap/gpt-4.1-nano" });
    expect(over.body).toMatchObject({ route: "answer", candidate: "cheap/gpt-4.1-nano", origin: "api" });
    expect((await api("GET", "/api/v1/shadow/routes/answer")).body).toMatchObject({
      candidate: "cheap/gpt-4.1-nano",
      sampleRate: 0.1,
      origin: "api",
    });
    expect((await api("DELETE", "/api/v1/shadow/routes/answer")).status).toBe(204);
    expect((await api("GET", "/api/v1/shadow/routes/answer")).body).toMatchObject({
      candidate: "cheap/gpt-4.1-mini",
      origin: "config",
    });
    const configOnly = await api("DELETE", "/api/v1/shadow/routes/answer");
    expect(configOnly.status).toBe(404);
    expect(JSON.stringify(configOnly.body)).toContain("config file");
  });

  it("a route PUT through the API shadows traffic at once; the report runs the suite on both sides", async () => {
    const put = await api("PUT", "/api/v1/shadow/routes/categorize", {
      candidate: "cheap/gpt-4.1-nano",
      sampleRate: 1,
      suite,
    });
    expect(put.status).toBe(200);
    const n = 6;
    for (let i = 0; i < n; i++) {
      h.upstream.script({ type: "json", value: { category: "billing" } });
      // The candidate answers JSON on even requests, prose on odd ones.
      candidate.script(
        i % 2 === 0
          ? { type: "json", value: { category: "billing" } }
          : { type: "text", text: "Category: billing" },
      );
    }
    for (let i = 0; i < n; i++) await ask(i);
    const deadline = Date.now() + 30_000;
    while ((await stats()).shadow.completed < n && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect((await stats()).shadow.completed).toBe(n);
    await h.calls(2 * n, "&route=categorize");

    const report = (await api("GET", "/api/v1/shadow/report?route=categorize"))
      .body as unknown as ShadowReport;
    expect(report.summary.pairs).toBe(n);
    const s = report.suite!;
    expect(s.error).toBeNull();
    expect(s.path).toBe(suite);
    // The test-specific `contains: refund` is not shared by every test, so it does not run.
    expect(s.assertions.map((a) => a.type)).toEqual(["is-json", "javascript", "llm-rubric"]);
    const [isJson, js, rubric] = s.assertions;
    expect(isJson).toMatchObject({ evaluated: n, primaryPassRate: 1, candidatePassRate: 0.5, skipped: null });
    expect(js).toMatchObject({ evaluated: n, primaryPassRate: 1, candidatePassRate: 0.5 });
    expect(isJson!.flips).toHaveLength(n / 2);
    expect(isJson!.flips.every((f) => f.direction === "regressed")).toBe(true);
    const flipped = new Set(isJson!.flips.map((f) => f.shadowId));
    for (const pair of report.pairs) {
      expect(pair.suite!.primary).toEqual([true, true, null]);
      expect(pair.suite!.candidate[0]).toBe(!flipped.has(pair.shadowId));
      expect(pair.candidateOutput.startsWith("{")).toBe(!flipped.has(pair.shadowId));
    }
    expect(rubric).toMatchObject({ evaluated: 0, primaryPassRate: null });
    expect(rubric!.skipped).toContain("judge");
    expect(s.primaryPassRate).toBe(1);
    expect(s.candidatePassRate).toBe(0.5);

    // The CLI reads the API's route (and its suite) from the same database.
    const { stdout } = await promisify(execFile)(process.execPath, [
      join(import.meta.dirname, "../bin/genchi.js"),
      "shadow",
      "report",
      "--route",
      "categorize",
      "--db",
      h.server.config.db,
    ]);
    expect(stdout).toContain(`suite              primary 100.0%  candidate 50.0%  (${suite})`);
    expect(stdout).toContain("    is-json  primary 100.0%  candidate 50.0%  3 flipped");
    expect(stdout).toMatch(/llm-rubric: The answer is polite\. {2}skipped: .*judge/);
  }, 60_000);

  it("a deleted route stops shadowing without a restart", async () => {
    expect((await api("DELETE", "/api/v1/shadow/routes/categorize")).status).toBe(204);
    const before = (await stats()).shadow.sampled;
    h.upstream.script({ type: "json", value: { category: "billing" } });
    const id = (await ask(99)).id;
    // The call is logged and offered to the shadow pipeline together: once it is stored, the
    // offer has been made (routes are cached after the DELETE), so no fixed wait is needed.
    for (const deadline = Date.now() + 30_000; ; ) {
      if ((await h.calls(1, "&route=categorize")).some((c) => c.id === id)) break;
      if (Date.now() > deadline) throw new Error(`call ${id} not stored within 30 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await stats()).shadow.sampled).toBe(before);
    const routes = (await api("GET", "/api/v1/shadow/routes")).body?.["data"] as ShadowRouteEntry[];
    expect(routes.map((r) => r.route)).toEqual(["answer"]);
  });

  it("another server on the same database (its own store and caches) picks up a new route within seconds", async () => {
    const other = await startServer({
      db: h.server.config.db,
      port: 0,
      host: "127.0.0.1",
      initProjectKey: h.key,
      quiet: true,
      upstreams: { ...h.server.config.upstreams },
    });
    try {
      const via = (url: string) =>
        fetch(`${url}/v1/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-genchi-key": h.key, "x-genchi-route": "fresh" },
          body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }),
        }).then((r) => r.text());
      const sampled = async () =>
        (
          (await (
            await fetch(`${other.url}/api/v1/gateway/stats`, {
              headers: { authorization: `Bearer ${h.key}` },
            })
          ).json()) as GatewayStats
        ).shadow.sampled;
      await via(other.url); // the other process caches this project's routes: none for "fresh"
      expect(await sampled()).toBe(0);
      // Its cache is fresh for 5 s: poll (with a generous deadline) until it reloads.
      const deadline = Date.now() + 30_000;
      expect(
        (await api("PUT", "/api/v1/shadow/routes/fresh", { candidate: "cheap/gpt-4.1-nano", sampleRate: 1 }))
          .status,
      ).toBe(200);
      while ((await sampled()) === 0 && Date.now() < deadline) {
        await via(other.url);
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(await sampled()).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  }, 60_000);
});
