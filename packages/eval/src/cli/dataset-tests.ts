/**
 * `tests: genchi://datasets/NAME` in an eval config: the datasets a config names, fetched from
 * genchi (`GENCHI_URL`, `GENCHI_KEY`) as raw tests the config loader validates. Each item's
 * vars become the test's vars; a string `expected` becomes an assertion like a CSV `__expected`
 * cell (`contains: billing`, else `equals`), other JSON an `equals` on its JSON text.
 */
import { readFileSync } from "node:fs";
import type { DatasetItem, DatasetItemsPage } from "@genchi/spec";
import { parse } from "yaml";
import { configError } from "../eval-config-error.js";
import { expectedToAssertion } from "../load-test-file.js";
import { type GenchiTarget, withGenchi } from "./genchi-client.js";

const ref = /^genchi:\/\/datasets\/(.+)$/;

/**
 * Dataset names the config's `tests` refer to (none for most configs: read only when the
 * text mentions `genchi://`).
 *
 * @example datasetRefs("suite.yaml") // → ["categorize-golden"]
 */
export function datasetRefs(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return []; // the config loader reports the missing file
  }
  if (!text.includes("genchi://")) return [];
  let root: unknown;
  try {
    root = parse(text);
  } catch {
    return []; // the config loader reports the syntax error with its line
  }
  const tests = (root as { tests?: unknown } | null)?.tests;
  const list = Array.isArray(tests) ? tests : [tests];
  return list.flatMap((t) => (typeof t === "string" ? [ref.exec(t)?.[1] ?? ""] : [])).filter((n) => n !== "");
}

/** One dataset item as a raw test. */
export function itemToTest(item: DatasetItem): Record<string, unknown> {
  const expected = item.expected;
  const assert =
    expected === null || expected === undefined
      ? []
      : typeof expected === "string"
        ? [expectedToAssertion(expected)]
        : [{ type: "equals", value: JSON.stringify(expected) }];
  const description = item.metadata["description"];
  return {
    vars: item.vars,
    assert,
    ...(typeof description === "string" ? { description } : {}),
  };
}

/**
 * Fetches every item of the named datasets as raw tests, by dataset name.
 *
 * @example const datasets = await fetchDatasetTests("suite.yaml", targetOf(flags))
 */
export async function fetchDatasetTests(
  file: string,
  target: GenchiTarget | null,
): Promise<Map<string, unknown[]>> {
  const names = datasetRefs(file);
  const out = new Map<string, unknown[]>();
  for (const name of names) {
    if (!target)
      throw configError(
        file,
        undefined,
        `tests: genchi://datasets/${name} needs a genchi server`,
        "set GENCHI_URL and GENCHI_KEY (the project key) to read the dataset",
      );
    const tests: unknown[] = [];
    let cursor: string | null = null;
    try {
      do {
        const after = cursor;
        const page: DatasetItemsPage = await withGenchi(target, (api) =>
          api.datasets.items({
            params: { id: name },
            query: { limit: 5000, ...(after ? { cursor: after } : {}) },
          }),
        );
        for (const item of page.data) tests.push(itemToTest(item));
        cursor = page.nextCursor;
      } while (cursor);
    } catch (error) {
      throw configError(
        file,
        undefined,
        `cannot read tests from genchi://datasets/${name}: ${(error as Error).message}`,
        "check the dataset name (GET /api/v1/datasets lists them), GENCHI_URL and GENCHI_KEY",
      );
    }
    if (tests.length === 0)
      throw configError(
        file,
        undefined,
        `dataset '${name}' has no items`,
        "add items with POST /api/v1/datasets/NAME/items",
      );
    out.set(name, tests);
  }
  return out;
}
