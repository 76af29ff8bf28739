/**
 * `tests: genchi://datasets/NAME`: which datasets a config names, how an item becomes a test,
 * and what the config loader says when a dataset was not fetched.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadEvalConfig } from "../load-eval-config.js";
import { datasetRefs, fetchDatasetTests, itemToTest } from "./dataset-tests.js";

const dir = mkdtempSync(join(tmpdir(), "genchi-dataset-tests-"));
const config = (name: string, tests: string) => {
  const path = join(dir, name);
  writeFileSync(
    path,
    `prompts: ["{{ticket}}"]\nproviders: [openai:chat:gpt-4o-mini]\ndefaultTest:\n  assert: [{ type: is-json }]\ntests: ${tests}\n`,
  );
  return path;
};
const item = (expected: unknown, metadata: Record<string, unknown> = {}) => ({
  id: "i",
  datasetId: "d",
  vars: { ticket: "charged twice" },
  expected,
  sourceCallId: null,
  metadata,
  createdAt: "2026-11-28T00:00:00.000Z",
});

describe("dataset tests", () => {
  it("finds the datasets a config names, as a string or in a list", () => {
    expect(datasetRefs(config("one.yaml", "genchi://datasets/golden"))).toEqual(["golden"]);
    expect(
      datasetRefs(
        config("list.yaml", '\n  - genchi://datasets/a\n  - file://x.jsonl\n  - { vars: { ticket: "x" } }'),
      ),
    ).toEqual(["a"]);
    expect(datasetRefs(config("none.yaml", '[{ vars: { ticket: "x" } }]'))).toEqual([]);
  });

  it("turns an item into a test: vars, expected as an assertion, description from metadata", () => {
    expect(itemToTest(item("icontains: billing", { description: "double charge" }))).toEqual({
      vars: { ticket: "charged twice" },
      assert: [{ type: "icontains", value: "billing" }],
      description: "double charge",
    });
    expect(itemToTest(item("billing")).assert).toEqual([{ type: "equals", value: "billing" }]);
    expect(itemToTest(item({ category: "billing" })).assert).toEqual([
      { type: "equals", value: '{"category":"billing"}' },
    ]);
    expect(itemToTest(item(null)).assert).toEqual([]);
  });

  it("loads fetched items as tests, after defaultTest's assertions", () => {
    const path = config("loaded.yaml", "genchi://datasets/golden");
    const suite = loadEvalConfig(path, {
      datasets: new Map([["golden", [itemToTest(item("contains: billing")), itemToTest(item(null))]]]),
    });
    expect(suite.tests).toHaveLength(2);
    expect(suite.tests[0]?.vars).toEqual({ ticket: "charged twice" });
    expect(suite.tests[0]?.assert.map((a) => a.type)).toEqual(["is-json", "contains"]);
  });

  it("says which dataset is missing and how to fix it (exit 2 errors)", async () => {
    const path = config("missing.yaml", "genchi://datasets/golden");
    expect(() => loadEvalConfig(path)).toThrow(
      /missing\.yaml:\d+: tests from genchi:\/\/datasets\/golden were not fetched/,
    );
    expect(() => loadEvalConfig(config("bad.yaml", "genchi://golden"))).toThrow(
      /"genchi:\/\/golden" is not genchi:\/\/datasets\/NAME/,
    );
    await expect(fetchDatasetTests(path, null)).rejects.toThrow(
      /genchi:\/\/datasets\/golden needs a genchi server — set GENCHI_URL and GENCHI_KEY/,
    );
  });
});
