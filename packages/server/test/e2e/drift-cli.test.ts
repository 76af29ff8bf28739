/**
 * `genchi drift` end to end (the compiled bin against temp folders): bad input exits 2 naming
 * the file and line and writes nothing; a good run prints a summary and writes a DriftReport
 * that flags the injected shifts; embeddings come from an OpenAI-compatible endpoint (the
 * scripted upstream) and are cached by content hash.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import { generateCalls } from "@genchi/scripted-upstream/generated-calls";
import { driftReportSchema } from "@genchi/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../../bin/genchi.js", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "genchi-drift-cli-"));
let upstream: ScriptedUpstream;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
});
afterAll(async () => {
  await upstream.close();
});

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

function writeCalls(name: string, calls: ReturnType<typeof generateCalls>): string {
  const path = join(work, name);
  writeFileSync(
    path,
    `${calls
      .map((c) =>
        JSON.stringify({
          input: [
            { role: "system", content: "Classify the support request." },
            { role: "user", content: c.input },
          ],
          output: c.output,
        }),
      )
      .join("\n")}\n`,
  );
  return path;
}

const baseline = writeCalls("baseline.jsonl", generateCalls({ n: 400, seed: 1 }));
const current = writeCalls(
  "current.jsonl",
  generateCalls({ n: 400, seed: 2, typoShare: 0.3, arrayOutputShare: 0.2 }),
);

// Each test runs genchi processes (with embeddings in one): generous on a busy machine.
describe("genchi drift: bad input", { timeout: 120_000 }, () => {
  const cases: [string, string, RegExp][] = [
    ["empty.jsonl", "", /empty\.jsonl: the file has no records/],
    ["not-json.jsonl", '{"input":"a","output":"b"}\n{"input": oops}\n', /not-json\.jsonl:2: not JSON/],
    [
      "no-input.jsonl",
      '{"input":"a","output":"b"}\n\n{"output":"b"}\n',
      /no-input\.jsonl:3: the record has no `input`/,
    ],
    ["bad-input.jsonl", '{"input":42,"output":"b"}\n', /bad-input\.jsonl:1: `input` must be/],
  ];
  it.each(cases)("%s → exit 2, file and line named, nothing written", async (name, text, message) => {
    writeFileSync(join(work, name), text);
    const output = join(work, `${name}.report.json`);
    const r = await genchi(
      "drift",
      "--baseline",
      baseline,
      "--current",
      join(work, name),
      "--output",
      output,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(output)).toBe(false);
  });

  it("a missing file → exit 2", async () => {
    const r = await genchi(
      "drift",
      "--baseline",
      join(work, "nope.jsonl"),
      "--current",
      current,
      "--no-semantic",
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.jsonl: cannot read the file \(not found\)/);
  });
});

describe("genchi drift: a report", { timeout: 120_000 }, () => {
  it("descriptors only: flags typos on inputs and JSON lists on outputs, exit 0, JSON report", async () => {
    const output = join(work, "out", "structural.json");
    const r = await genchi(
      "drift",
      "--baseline",
      baseline,
      "--current",
      current,
      "--output",
      output,
      "--no-semantic",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/DRIFT FOUND/);
    expect(r.stdout).toMatch(/input\s+typo_rate\s+ks .*DRIFT/);
    const report = driftReportSchema.parse(JSON.parse(readFileSync(output, "utf8")));
    expect(report.drifted).toBe(true);
    expect(report.semantic).toBeNull();
    const jsonType = report.findings.find((f) => f.side === "output" && f.descriptor === "json_type");
    expect(jsonType?.drifted).toBe(true);
    expect(jsonType?.move).toMatchObject({ category: "array", direction: "up" });
    expect(report.findings.find((f) => f.side === "input" && f.descriptor === "casing")?.drifted).toBe(false);
  });

  it("the same file on both sides: exit 0, nothing flagged", async () => {
    const output = join(work, "same.json");
    const r = await genchi(
      "drift",
      "--baseline",
      baseline,
      "--current",
      baseline,
      "--output",
      output,
      "--no-semantic",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no drift found/);
    expect(driftReportSchema.parse(JSON.parse(readFileSync(output, "utf8"))).drifted).toBe(false);
  });

  it("semantic drift through an OpenAI-compatible endpoint, embeddings cached by content hash", async () => {
    const args = [
      "drift",
      "--baseline",
      baseline,
      "--current",
      current,
      "--embeddings-url",
      `${upstream.url}/v1`,
      "--sample",
      "200",
    ];
    const first = await genchi(...args, "--output", join(work, "semantic-1.json"));
    expect(first.code).toBe(0);
    const cacheFile = join(
      work,
      ".genchi",
      "cache",
      "embeddings",
      "openai-compatible_text-embedding-3-small.tsv",
    );
    const cachedLines = readFileSync(cacheFile, "utf8").trim().split("\n").length;
    expect(cachedLines).toBeGreaterThan(100);
    expect(cachedLines).toBeLessThanOrEqual(400);
    const requestsBefore = upstream.requests.length;
    const second = await genchi(...args, "--output", join(work, "semantic-2.json"));
    expect(second.code).toBe(0);
    expect(upstream.requests.length).toBe(requestsBefore); // every vector came from the cache
    const a = driftReportSchema.parse(JSON.parse(readFileSync(join(work, "semantic-1.json"), "utf8")));
    const b = driftReportSchema.parse(JSON.parse(readFileSync(join(work, "semantic-2.json"), "utf8")));
    expect(a.semantic?.embedder).toBe("openai-compatible/text-embedding-3-small");
    expect(a.semantic?.baselineSample).toBe(200);
    expect(a.semantic?.points).toHaveLength(400);
    expect(b).toEqual(a);
  });
});
