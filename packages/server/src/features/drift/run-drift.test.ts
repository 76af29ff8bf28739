/** runDrift's sides: a baseline of inputs only (no outputs) is compared on inputs only. */
import { generateCalls } from "@genchi/scripted-upstream/generated-calls";
import { expect, test } from "vitest";
import { runDrift } from "./run-drift.js";

test("outputs are compared only when both sides have them", async () => {
  const base = generateCalls({ n: 200, seed: 1 });
  const current = generateCalls({ n: 200, seed: 2, arrayOutputShare: 0.3 }).map((c) => ({
    input: c.input,
    output: c.output,
  }));
  const inputsOnly = await runDrift(
    base.map((c) => ({ input: c.input, output: undefined })),
    current,
  );
  expect(inputsOnly.findings.length).toBeGreaterThan(0);
  expect(inputsOnly.findings.every((f) => f.side === "input")).toBe(true);
  expect(inputsOnly.drifted).toBe(false);
  const both = await runDrift(
    base.map((c) => ({ input: c.input, output: c.output })),
    current,
  );
  expect(both.findings.find((f) => f.side === "output" && f.descriptor === "json_type")?.drifted).toBe(true);
});
