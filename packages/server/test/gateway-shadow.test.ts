/**
 * Shadow traffic: with a candidate 10× slower and failing half its calls, the primary's responses
 * are unchanged and never wait for it (the candidate is held shut until every primary answered);
 * shadow calls are stored with shadowOf; the report shows the pairs.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import type { ShadowReport } from "@genchi/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatewayStats } from "../src/features/gateway/gateway.js";
import { type GatewayHarness, normalizeIds, startGatewayHarness } from "./gateway-harness.js";

describe("gateway shadow pipeline", () => {
  let h: GatewayHarness;
  let candidate: ScriptedUpstream;
  const primaryDelay = 30;
  // A gate in front of the candidate: it holds every request until opened, and counts answers.
  let gate: Server;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  let candidateAnswers = 0;

  beforeAll(async () => {
    candidate = await startScriptedUpstream({ delayMs: primaryDelay * 10 });
    gate = createServer((req, res) => {
      void opened.then(() => {
        const onward = request(
          `${candidate.url}${req.url}`,
          { method: req.method, headers: req.headers },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
            res.on("finish", () => candidateAnswers++);
          },
        );
        req.pipe(onward);
      });
    });
    await new Promise<void>((r) => gate.listen(0, "127.0.0.1", () => r()));
    h = await startGatewayHarness(
      {
        models: {
          shadow: [
            {
              route: "categorize",
              candidate: "cheap/gpt-4.1-nano",
              sampleRate: 1,
              systemPrompt: "Answer in one word.",
            },
          ],
        },
      },
      { delayMs: primaryDelay },
    );
    h.server.config.upstreams["cheap"] = {
      baseUrl: `http://127.0.0.1:${(gate.address() as AddressInfo).port}/v1`,
    };
  });
  afterAll(async () => {
    open();
    await h?.close();
    gate?.closeAllConnections();
    await new Promise((r) => gate?.close(r));
    await candidate?.close();
  });

  const ask = async (route: string, i: number) => {
    const res = await fetch(`${h.server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-genchi-key": h.key, "x-genchi-route": route },
      body: JSON.stringify({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: `ticket ${i}: refund please` }],
      }),
    });
    const text = await res.text();
    return {
      status: res.status,
      text,
      id: res.headers.get("x-genchi-call-id")!,
    };
  };

  it("the primary is unchanged while the candidate is slow and fails half the time; the report pairs them", async () => {
    const n = 8;
    for (let i = 0; i < n; i++) {
      candidate.script(
        i % 2 === 0 ? { type: "error", status: 500 } : { type: "json", value: { category: "billing" } },
      );
    }
    const plain: Awaited<ReturnType<typeof ask>>[] = [];
    const shadowed: Awaited<ReturnType<typeof ask>>[] = [];
    // Were a primary to wait for its candidate, it would answer only after the fallback opening
    // below (or never): the primary must not wait for it. No clock is compared.
    const fallback = setTimeout(open, 25_000);
    for (let i = 0; i < n; i++) {
      plain.push(await ask("other", i));
      shadowed.push(await ask("categorize", i));
    }
    const answeredBeforeOpen = candidateAnswers;
    clearTimeout(fallback);
    open();
    expect(answeredBeforeOpen).toBe(0);
    for (let i = 0; i < n; i++) {
      expect(shadowed[i]!.status).toBe(200);
      expect(normalizeIds(shadowed[i]!.text)).toBe(normalizeIds(plain[i]!.text));
    }

    await h.server.app.ready();
    const deadline = Date.now() + 30_000;
    let stats: GatewayStats;
    do {
      await new Promise((r) => setTimeout(r, 100));
      stats = (await (
        await fetch(`${h.server.url}/api/v1/gateway/stats`, { headers: { authorization: `Bearer ${h.key}` } })
      ).json()) as GatewayStats;
    } while (stats.shadow.completed + stats.shadow.failed < n && Date.now() < deadline);
    expect(stats.shadow).toMatchObject({ sampled: n, completed: n / 2, failed: n / 2, dropped: 0 });
    expect(candidate.requests).toHaveLength(n); // all through the gate: its only way in
    // The candidate got the route's system prompt and the candidate model, never streamed.
    expect(candidate.requests[0]?.body).toMatchObject({
      model: "gpt-4.1-nano",
      messages: [{ role: "system", content: "Answer in one word." }, { role: "user" }],
    });

    await h.calls(3 * n);
    const res = await fetch(`${h.server.url}/api/v1/shadow/report?route=categorize`, {
      headers: { authorization: `Bearer ${h.key}` },
    });
    const report = (await res.json()) as ShadowReport;
    expect(report.summary.pairs).toBe(n);
    expect(report.summary.candidateErrors).toBe(n / 2);
    expect(report.summary.candidateJsonValidRate).toBe(0.5);
    expect(report.summary.meanCandidateLength).toBe('{"category":"billing"}'.length);
    const primaryIds = new Set(shadowed.map((r) => r.id));
    for (const pair of report.pairs) expect(primaryIds.has(pair.primaryId)).toBe(true);
    expect(
      report.pairs.every((p) => p.candidateModel === null || p.candidateModel.startsWith("gpt-4.1-nano")),
    ).toBe(true);
    expect(
      report.pairs
        .filter((p) => p.candidateError === null)
        .every((p) => p.candidateLatencyMs! >= primaryDelay * 10),
    ).toBe(true);
  }, 60_000);

  it("the report route says what to do without a route", async () => {
    const res = await fetch(`${h.server.url}/api/v1/shadow/report`, {
      headers: { authorization: `Bearer ${h.key}` },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("?route=");
  });

  it("genchi shadow report and genchi models print the same data from the database", async () => {
    const bin = join(import.meta.dirname, "../bin/genchi.js");
    const run = promisify(execFile);
    const out = join(h.server.config.db, "../shadow.json");
    const { stdout } = await run(process.execPath, [
      bin,
      "shadow",
      "report",
      "--route",
      "categorize",
      "--db",
      h.server.config.db,
      "--output",
      out,
    ]);
    expect(stdout).toContain("route 'categorize': 8 pairs, 4 candidate errors");
    expect((JSON.parse(readFileSync(out, "utf8")) as ShadowReport).summary.pairs).toBe(8);
    const models = await run(process.execPath, [bin, "models", "--db", h.server.config.db]);
    expect(models.stdout).toContain("gpt-4o-mini  floating  (openai)");
    expect(models.stdout).toContain("served gpt-4o-mini-2024-07-18");
    const usage = await run(process.execPath, [bin, "shadow", "report"]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((usage as { code: number }).code).toBe(2);
  }, 120_000); // four CLI processes: slow on a busy machine
});
