/**
 * `genchi dataset refresh --route R --n 200 --since 7d [--dataset NAME]`: samples recent
 * production inputs of a route into a holdout dataset, stratified by topic cluster (offline
 * embedder; `--no-semantic` or an unavailable embedder → a structural key, said in the
 * output), raw, near-duplicates removed, each item linked to its call.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { numberIn, wholeNumber } from "@genchi/eval/usage";
import { GenchiError } from "@genchi/spec/errors";
import { Command, Option } from "commander";
import type { CommandHost } from "../../platform/cli/command-host.js";
import { storeOptions } from "../../platform/cli/store-options.js";

interface RefreshFlags {
  route: string;
  n: number;
  since: string;
  until?: string;
  dataset?: string;
  seed: number;
  scan: number;
  similarity: number;
  semantic: boolean;
  cacheDir: string;
  project: string;
  db?: string;
  output?: string;
}

async function refresh(host: CommandHost, flags: RefreshFlags): Promise<void> {
  const { n, seed, scan, similarity } = flags;
  const { cachedEmbedder, energeticEmbedder, refreshHoldout, sinceInstant } = await import(
    "../drift/index.js"
  );
  const since = sinceInstant(flags.since);
  const until = flags.until ? sinceInstant(flags.until) : undefined;
  const embedder = flags.semantic ? cachedEmbedder(energeticEmbedder(), flags.cacheDir) : null;
  const store = await host.openStore(flags.db);
  try {
    const project = await store.getProjectByName(flags.project);
    if (!project)
      throw new GenchiError("GENCHI_NOT_FOUND", `no project '${flags.project}': check --project and --db`);
    const result = await refreshHoldout(store, project.id, {
      route: flags.route,
      n,
      since,
      until,
      dataset: flags.dataset,
      seed,
      scan,
      similarity,
      embedder,
    });
    if (flags.output) writeFileSync(flags.output, `${JSON.stringify(result, null, 2)}\n`);
    const out = process.stdout;
    out.write(
      `dataset ${result.dataset.name}: ${result.stored} items added (${result.alreadyThere} already there), ${result.dataset.itemCount} in all\n`,
    );
    out.write(
      `read ${result.scanned} calls of route ${flags.route} since ${since}; ${result.duplicatesRemoved} near-duplicates skipped\n`,
    );
    if (result.note) out.write(`note: ${result.note}\n`);
    out.write(
      `stratified by ${result.stratifiedBy === "semantic" ? "topic cluster (offline embedder)" : "structural key (JSON type/casing/length/typos)"}:\n`,
    );
    for (const s of result.strata)
      out.write(`  ${String(s.picked).padStart(5)} of ${String(s.calls).padStart(6)}  ${s.key}\n`);
  } finally {
    await store.close();
  }
}

export function datasetCommand(host: CommandHost): Command {
  const dataset = new Command("dataset").description("datasets of eval inputs");
  dataset.addCommand(
    storeOptions(
      new Command("refresh").description(
        "refresh a holdout dataset from recent production inputs of a route: stratified by cluster, raw (typos kept), near-duplicates removed, linked to their calls",
      ),
    )
      .requiredOption("--route <route>", "the route whose production inputs are sampled")
      .option("--n <n>", "items to add (1 to 10,000)", wholeNumber(1, 10_000), 200)
      .option("--since <7d|ISO>", "production calls from (a duration back from now, or a date-time)", "7d")
      .option("--until <duration|ISO>", "production calls until (default now)")
      .option("--dataset <name>", "dataset to add to (created when missing; default <route>-holdout)")
      .option("--seed <n>", "seed for sampling and clustering", wholeNumber(0, 2 ** 31), 1)
      .option("--scan <n>", "newest calls read at most (1 to 50,000)", wholeNumber(1, 50_000), 2000)
      .option("--similarity <0..1>", "near-duplicate threshold (Levenshtein similarity)", numberIn(0, 1), 0.9)
      .option("--no-semantic", "stratify by a structural key (no embeddings)")
      .addOption(
        new Option("--cache-dir <dir>", "embeddings cache folder").default(
          join(".genchi", "cache", "embeddings"),
        ),
      )
      .action(async (flags: RefreshFlags) => {
        await refresh(host, flags);
      }),
  );
  return dataset;
}
