/** Which suite assertions run on shadow pairs, when a judge runs, and reloading a changed suite. */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeJavascriptSandbox } from "@genchi/eval";
import type { Call, ShadowPair } from "@genchi/spec";
import { afterAll, describe, expect, it } from "vitest";
import { comparePair } from "./shadow-report.js";
import { mergeShadowRoutes } from "./shadow-route-source.js";
import { loadShadowSuite, runShadowSuite, sharedAssertions } from "./shadow-suite.js";

const dir = mkdtempSync(join(tmpdir(), "genchi-shadow-suite-unit-"));
afterAll(() => {
  closeJavascriptSandbox();
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

const call = (id: string, output: string | null, over: Partial<Call> = {}): Call =>
  ({
    id,
    timestamp: new Date().toISOString(),
    route: "r",
    source: "gateway",
    provider: "openai",
    requestedModel: "m",
    model: "m",
    input: [{ role: "user", content: "hi" }],
    output: output === null ? null : { role: "assistant", content: output },
    status: output === null ? "error" : "ok",
    error: output === null ? "upstream answered HTTP 500" : null,
    latencyMs: 100,
    ttftMs: null,
    usage: null,
    costUsd: null,
    userId: null,
    sessionId: null,
    promptVersion: null,
    tags: [],
    metadata: {},
    shadowOf: null,
    ...over,
  }) as unknown as Call;

describe("shadow suite", () => {
  it("keeps the assertions every test shares, in order, once", () => {
    const isJson = { type: "is-json" };
    const short = { type: "javascript", value: "output.length < 50" };
    expect(
      sharedAssertions([
        { assert: [isJson, short, { type: "contains", value: "billing" }, isJson] },
        { assert: [short, isJson] },
        { assert: [isJson, { type: "contains", value: "shipping" }, short] },
      ]),
    ).toEqual([isJson, short]);
    expect(sharedAssertions([])).toEqual([]);
  });

  it("runs a judge only when the suite names one; skips it otherwise", () => {
    const body = (options: string) => `prompts: ["{{q}}"]
providers: [openai:chat:gpt-4o-mini]
defaultTest:${options}
  assert:
    - type: llm-rubric
      value: is polite
    - type: not-similar
      value: hello
    - type: llm-rubric
      value: is short
      provider: openai:chat:gpt-4o-mini
tests:
  - vars: { q: a }
`;
    const bare = loadShadowSuite(write("bare.yaml", body("")));
    expect(bare.skipped.map((s) => s !== null)).toEqual([true, true, false]);
    const judged = loadShadowSuite(
      write("judged.yaml", body("\n  options:\n    provider: openai:chat:gpt-4o-mini")),
    );
    expect(judged.skipped).toEqual([null, null, null]);
  });

  it("grades both sides, counts a candidate error as a failure, lists flips, reloads a changed file", async () => {
    const file = write(
      "s.yaml",
      `prompts: ["{{q}}"]
providers: [openai:chat:gpt-4o-mini]
defaultTest:
  assert:
    - type: is-json
    - type: latency
      threshold: 500
tests:
  - vars: { q: a }
`,
    );
    const primary = [call("p1", '{"a":1}'), call("p2", '{"a":2}'), call("p3", "prose")];
    const shadow = [call("s1", '{"a":1}', { latencyMs: 900 }), call("s2", null), call("s3", '{"ok":true}')];
    const pairs: ShadowPair[] = primary.map((p, i) => comparePair(p, shadow[i]!));
    const calls = new Map([...primary, ...shadow].map((c) => [c.id, c]));
    const report = await runShadowSuite(loadShadowSuite(file), pairs, calls);
    const [isJson, latency] = report.assertions;
    expect(isJson).toMatchObject({ label: "is-json", evaluated: 3 });
    expect(isJson!.primaryPassRate).toBeCloseTo(2 / 3, 3);
    expect(isJson!.candidatePassRate).toBeCloseTo(2 / 3, 3);
    expect(isJson!.flips).toEqual([
      { primaryId: "p2", shadowId: "s2", direction: "regressed" },
      { primaryId: "p3", shadowId: "s3", direction: "improved" },
    ]);
    // The candidate's own latency is what `latency` judges.
    expect(latency!.flips.map((f) => f.shadowId)).toEqual(["s1", "s2"]);
    expect(pairs[1]!.suite).toEqual({ primary: [true, true], candidate: [false, false] });
    expect(report.primaryPassRate).toBeCloseTo(2 / 3, 3);
    expect(report.candidatePassRate).toBeCloseTo(1 / 3, 3);

    writeFileSync(
      file,
      `prompts: ["{{q}}"]\nproviders: [openai:chat:gpt-4o-mini]\ntests:\n  - vars: { q: a }\n    assert: [{ type: contains, value: a }]\n`,
    );
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    expect(loadShadowSuite(file).assertions).toEqual([{ type: "contains", value: "a" }]);
  });

  it("merges API routes over config routes of the same name", () => {
    const r = (route: string, candidate: string) => ({
      route,
      candidate,
      systemPrompt: null,
      sampleRate: 0.1,
      suite: null,
    });
    expect(mergeShadowRoutes([r("b", "api-b")], [r("a", "cfg-a"), r("b", "cfg-b")])).toEqual([
      { ...r("a", "cfg-a"), origin: "config" },
      { ...r("b", "api-b"), origin: "api" },
    ]);
  });
});
