/**
 * Acceptance (issue 16, item 2): the review export of a multi-turn call with a system prompt
 * and a correction runs in `genchi eval` (the built CLI) and in promptfoo@0.121.20 against the
 * scripted upstream with the same verdict per test. Everything goes through the real HTTP API
 * (SQLite): calls ingested, reviewed with corrections, proposals added from failures, the
 * suite exported. Both runners must send the upstream each call's whole conversation (system
 * prompt and earlier turns), corrections are that test's expectation, each proposal sits on
 * the tests where it holds (never `defaultTest`), and a proposal that fails the very call it
 * was proposed from is warned about in the response and in the YAML.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
// @ts-expect-error: a plain .mjs helper shared with the verdict recorder
import { ensurePromptfoo, runPromptfoo } from "../../../../scripts/promptfoo/promptfoo-runner.mjs";
import { type RunningServer, startServer } from "../../src/app/start-server.js";

const key = "gk_test_review_export_0123456789abcdef";
const bin = fileURLToPath(new URL("../../bin/genchi.js", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "genchi-review-export-"));
const route = "support";

// biome-ignore lint/suspicious/noExplicitAny: the test reads response JSON loosely
type Json = Record<string, any>;
type Message = { role: string; content: string };

let server: RunningServer;
let upstream: ScriptedUpstream;
let tmp: ReturnType<typeof createTempSqlitePath>;
let promptfoo: string;

const system = {
  role: "system",
  content: 'You are Acme\'s support bot.\nAnswer in one line; never say "cannot help".',
};
const longQuestion =
  "Please explain, in a sentence or two, how returns work for a parcel that arrived damaged and late";
/** The reviewed calls: the scripted model echoes the last user message ("echo: …"). */
const calls: { id: string; input: string | Message[]; output: string }[] = [
  {
    id: "call-multi",
    input: [
      system,
      { role: "user", content: "Hi, my parcel {{tracking}} is late — Grüße, 注文 {% raw %}" },
      { role: "assistant", content: "Sorry to hear that. What is the order number?" },
      { role: "user", content: "Order 42" },
    ],
    output: "I cannot help with that.",
  },
  {
    id: "call-wrong",
    input: [system, { role: "user", content: "Where is my refund?" }],
    output: "refund",
  },
  { id: "call-long", input: longQuestion, output: "Returns are complicated." },
  {
    id: "call-ok",
    input: [system, { role: "user", content: "Order 7 status" }],
    output: "echo: Order 7 status",
  },
];

async function api(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json; text: string; headers: Headers }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: Json = {};
  try {
    json = JSON.parse(text) as Json;
  } catch {
    json = {};
  }
  return { status: res.status, body: json, text, headers: res.headers };
}

function genchi(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: work,
    env: { ...process.env, OPENAI_API_KEY: "sk-test" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** The messages of each chat request the upstream received since the last reset, as JSON, sorted. */
function chatRequests(): string[] {
  return upstream.requests
    .filter((r) => r.path === "/v1/chat/completions")
    .map((r) => JSON.stringify((r.body as Json)["messages"]))
    .sort();
}

beforeAll(async () => {
  promptfoo = ensurePromptfoo() as string;
  tmp = createTempSqlitePath();
  server = await startServer({ db: tmp.path, port: 0, initProjectKey: key, quiet: true });
  upstream = await startScriptedUpstream();
  const now = Date.now();
  const ingest = await api("POST", "/api/v1/ingest", {
    calls: calls.map((c, i) => ({
      id: c.id,
      timestamp: new Date(now - (i + 1) * 60_000).toISOString(),
      route,
      model: "gpt-4o-mini",
      input: c.input,
      output: { role: "assistant", content: c.output },
    })),
  });
  expect(ingest.status).toBe(207);
}, 900_000);

afterAll(async () => {
  await upstream?.close();
  await server?.close();
  tmp?.remove();
});

describe("review export parity: genchi eval and promptfoo", () => {
  it("exports a multi-turn call with a system prompt and a correction that both runners judge the same", async () => {
    const annotate = async (callId: string, a: Json) =>
      expect(
        (await api("POST", "/api/v1/review/annotations", { callId, reviewer: "ana", ...a })).status,
      ).toBe(201);
    // A failure corrected to what the model should say (the scripted model will say it).
    await annotate("call-multi", {
      verdict: "fail",
      tags: ["refusal"],
      note: 'refused with "cannot help"',
      correction: "echo: Order 42",
    });
    // A failure corrected to a label the scripted model never says.
    await annotate("call-wrong", { verdict: "fail", tags: ["wrong-label"], correction: "billing" });
    // A long correction (prose): compared by similarity.
    await annotate("call-long", { verdict: "fail", correction: `echo: ${longQuestion}` });
    await annotate("call-ok", { verdict: "pass" });

    const proposalsOf = async (callId: string) =>
      (await api("GET", `/api/v1/review/calls/${callId}/proposals`)).body["proposals"] as Json[];
    const add = async (body: Json) => {
      const r = await api("POST", `/api/v1/review/suites/${route}/assertions`, body);
      expect(r.status).toBe(201);
      return r.body["id"] as string;
    };
    const noRefusal = (await proposalsOf("call-multi")).find((p) => p["kind"] === "not-contains")!;
    expect(noRefusal["assert"]).toEqual({ type: "not-contains", value: "cannot help" });
    await add({ ...noRefusal, sourceCallId: "call-multi" });
    const exact = (await proposalsOf("call-wrong")).find((p) => p["kind"] === "regex")!;
    await add({ ...exact, sourceCallId: "call-wrong" });
    // A check that fails the very call it comes from (a call the reviewer passed).
    const refundId = await add({
      description: "mentions a refund",
      assert: { type: "contains", value: "refund" },
      sourceCallId: "call-ok",
    });

    const baseUrl = encodeURIComponent(`${upstream.url}/v1`);
    const exported = await api("GET", `/api/v1/review/suites/${route}/export?apiBaseUrl=${baseUrl}`);
    expect(exported.status).toBe(200);
    expect(exported.body["warnings"]).toEqual([
      expect.objectContaining({ code: "fails_source_call", assertionId: refundId, callId: "call-ok" }),
    ]);
    const yamlRes = await api("GET", `/api/v1/review/suites/${route}.yaml?apiBaseUrl=${baseUrl}`);
    expect(yamlRes.status).toBe(200);
    expect(yamlRes.text).toBe(exported.body["yaml"]);
    expect(yamlRes.text).toMatch(/^# warning: .*mentions a refund.*call-ok/m);

    const suite = parse(yamlRes.text) as Json;
    expect(suite["defaultTest"]).toBeUndefined();
    const tests = suite["tests"] as Json[];
    const byCall = new Map(tests.map((t) => [t["metadata"]["callId"] as string, t]));
    expect([...byCall.keys()].sort()).toEqual(calls.map((c) => c.id).sort());
    const asserts = (callId: string) =>
      (byCall.get(callId)!["assert"] as Json[]).map((a) => `${a["type"]}:${JSON.stringify(a["value"])}`);
    // Corrections are the tests' own expectations.
    expect(asserts("call-multi")).toContain('equals:"echo: Order 42"');
    expect(asserts("call-wrong")).toContain('equals:"billing"');
    expect(byCall.get("call-long")!["assert"]).toContainEqual(
      expect.objectContaining({ type: "similar", value: `echo: ${longQuestion}` }),
    );
    // Each proposal sits where it holds: the exact-label regex only on its own call.
    const regex = `regex:${JSON.stringify(exact["assert"]["value"])}`;
    expect(calls.filter((c) => asserts(c.id).includes(regex)).map((c) => c.id)).toEqual(["call-wrong"]);
    for (const c of calls) expect(asserts(c.id)).toContain('not-contains:"cannot help"');
    expect(asserts("call-ok")).toContain('contains:"refund"');

    const config = join(work, `${route}.yaml`);
    writeFileSync(config, yamlRes.text);

    upstream.reset();
    const out = join(work, "genchi.json");
    const run = await genchi("eval", config, "--output", out, "--no-cache");
    expect(run.stderr).not.toContain("bad config");
    expect(run.code, run.stderr).toBe(1);
    const genchiRequests = chatRequests();
    const ours = (
      JSON.parse(readFileSync(out, "utf8")) as { results: { description: string; pass: boolean }[] }
    ).results
      .map((r) => ({ description: r.description, pass: r.pass }))
      .sort((a, b) => a.description.localeCompare(b.description));

    upstream.reset();
    const pfOut = join(work, "promptfoo.json");
    const pf = (await runPromptfoo(promptfoo, config, pfOut, ["-j", "2"])) as {
      status: number;
      stderr: string;
    };
    expect([0, 100], pf.stderr).toContain(pf.status);
    const promptfooRequests = chatRequests();
    const theirs = (JSON.parse(readFileSync(pfOut, "utf8")) as Json)["results"]["results"]
      .map((r: Json) => ({
        description: r["testCase"]["description"] as string,
        pass: r["success"] === true,
      }))
      .sort((a: Json, b: Json) => String(a["description"]).localeCompare(String(b["description"])));

    // Both runners sent each call's whole conversation, system prompt and earlier turns included.
    const asSent = calls
      .map((c) =>
        JSON.stringify(typeof c.input === "string" ? [{ role: "user", content: c.input }] : c.input),
      )
      .sort();
    expect(genchiRequests).toEqual(asSent);
    expect(promptfooRequests).toEqual(asSent);

    // The same verdict per test, and the ones the suite means.
    expect(ours).toEqual(theirs);
    const verdict = (callId: string) => ours.find((r) => r.description.includes(callId))?.pass;
    expect(verdict("call-multi")).toBe(true);
    expect(verdict("call-long")).toBe(true);
    expect(verdict("call-wrong")).toBe(false);
    expect(verdict("call-ok")).toBe(false);
  }, 600_000);
});
