/**
 * Demo step for evals: a `categorize-golden` dataset, and five runs of the real eval engine
 * against the scripted upstream answering as the demo's models (`data/eval-models.ts`), stored
 * through the API like `genchi eval` does with GENCHI_URL: the production suite on gpt-4o-mini, a migration from gpt-4o-2024-05-13 to
 * gpt-4o-2024-08-06 (cases flip both ways), a run repeated 5 times at temperature 0.7 (flaky
 * tests), and three models side by side (the smallest-model table and its recommendation).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { coreAssertions, recommendCheapest } from "@genchi/core/eval";
import { createHttpClient, createProvider, loadEvalConfig, runEval } from "@genchi/eval";
import { EvalUploader, fetchDatasetTests, type GenchiTarget, withGenchi } from "@genchi/eval/cli";
import { startScriptedUpstream } from "@genchi/scripted-upstream";
import type { DatasetItemIn, EvalRun } from "@genchi/spec";
import { demoEvalAnswers } from "../data/eval-models.js";
import { demoTickets } from "../data/tickets.js";
import type { DemoStep } from "../demo-context.js";

export const demoDatasetName = "categorize-golden";

interface DemoSuite {
  file: string;
  description: string;
  models: string[];
  temperature: number;
  repeat: number;
}

const suites: DemoSuite[] = [
  {
    file: "categorize.yaml",
    description: "categorize — gpt-4o-mini in production",
    models: ["gpt-4o-mini-2024-07-18"],
    temperature: 0,
    repeat: 1,
  },
  {
    file: "categorize.yaml",
    description: "categorize — before migration (gpt-4o-2024-05-13)",
    models: ["gpt-4o-2024-05-13"],
    temperature: 0,
    repeat: 1,
  },
  {
    file: "categorize.yaml",
    description: "categorize — after migration (gpt-4o-2024-08-06)",
    models: ["gpt-4o-2024-08-06"],
    temperature: 0,
    repeat: 1,
  },
  {
    file: "categorize-repeat.yaml",
    description: "categorize — 5 repeats at temperature 0.7",
    models: ["gpt-4o-mini-2024-07-18"],
    temperature: 0.7,
    repeat: 5,
  },
  {
    file: "categorize-models.yaml",
    description: "categorize — which model is enough?",
    models: ["gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18", "gpt-4.1-nano-2025-04-14"],
    temperature: 0,
    repeat: 1,
  },
];

function suiteYaml(suite: DemoSuite, upstreamUrl: string): string {
  return `description: "${suite.description}"
prompts:
  - "Sort this support ticket into billing, shipping, account, returns or other. Answer with the category only.\\nTicket: {{ticket}}"
providers:
${suite.models.map((m) => `  - { id: "openai:chat:${m}", config: { apiBaseUrl: "${upstreamUrl}", apiKey: demo, temperature: ${suite.temperature} } }`).join("\n")}
evaluateOptions: { maxConcurrency: 8, repeat: ${suite.repeat} }
defaultTest:
  assert:
    - { type: regex, value: "^(billing|shipping|account|returns|other)$", metric: format }
tests: genchi://datasets/${demoDatasetName}
`;
}

/** Runs one suite with the eval engine and stores it through the API; resolves with the stored run. */
async function runSuite(
  dir: string,
  suite: DemoSuite,
  upstreamUrl: string,
  target: GenchiTarget,
): Promise<EvalRun> {
  const file = join(dir, suite.file);
  writeFileSync(file, suiteYaml(suite, upstreamUrl));
  const loaded = loadEvalConfig(file, { datasets: await fetchDatasetTests(file, target) });
  const http = createHttpClient({ cacheDir: undefined });
  const upload = await EvalUploader.start({
    target,
    run: {
      description: loaded.description,
      configName: suite.file,
      providers: loaded.providers.map((p) => p.label),
      total: loaded.tests.length * suite.repeat * loaded.providers.length,
      metadata: { demo: true },
    },
    warn: (line) => {
      throw new Error(line);
    },
  });
  const { aggregate } = await runEval({
    suite: loaded,
    providers: loaded.providers.map((p) => createProvider(p, http)),
    registry: coreAssertions(),
    resultsFile: join(dir, `${suite.models.length}-${suite.repeat}-${suite.models[0]}.jsonl`),
    onResult: (r) => upload.add(r),
  });
  await upload.finish({
    providerTable: aggregate.providers(),
    repeatMetrics: aggregate.repeats(),
    recommendation: loaded.providers.length > 1 ? recommendCheapest(aggregate.providers(), 5) : null,
  });
  return upload.run!;
}

/** The demo's golden items: one per labelled ticket, ids derived from the seed (a rerun adds nothing). */
export function demoGoldenItems(seed: number): DatasetItemIn[] {
  return demoTickets.map((t, i) => ({
    id: `demo-golden-${seed}-${i}`,
    vars: { ticket: t.ticket },
    expected: `icontains: ${t.category}`,
    metadata: { description: t.ticket, ...(t.hard ? { ambiguous: true } : {}) },
  }));
}

export const evalsDemoStep: DemoStep = {
  name: "evals",
  async run(context) {
    const target: GenchiTarget = { url: context.url, key: context.key };
    await withGenchi(target, async (api) => {
      await api.datasets.create({
        body: {
          name: demoDatasetName,
          route: "categorize",
          description: "Labelled support tickets: the category each should get",
        },
      });
      await api.datasets.addItems({
        params: { id: demoDatasetName },
        body: { items: demoGoldenItems(context.seed) },
      });
    });
    const upstream = await startScriptedUpstream({ respond: demoEvalAnswers(context.seed) });
    const dir = mkdtempSync(join(tmpdir(), "genchi-demo-evals-"));
    try {
      const runs: EvalRun[] = [];
      for (const suite of suites) runs.push(await runSuite(dir, suite, `${upstream.url}/v1`, target));
      context.log(
        `demo: ${runs.length} eval runs of 'categorize' (${runs.reduce((n, r) => n + (r.total ?? 0), 0)} results): production, a migration, 5 repeats, 3 models`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await upstream.close();
    }
  },
};
