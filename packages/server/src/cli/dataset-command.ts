/**
 * `genchi dataset refresh --route R --n 200 --since 7d [--dataset NAME]`: samples recent
 * production inputs of a route into a holdout dataset, stratified by topic cluster (offline
 * embedder; `--no-semantic` or an unavailable embedder → a structural key, said in the
 * output), raw, near-duplicates removed, each item linked to its call.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { GenchiError } from "@genchi/spec";
import { Command, Option } from "commander";
import { storeOptions } from "./models-command.js";

interface RefreshFlags {
  route: string;
  n: string;
  since: string;
  until?: string;
  dataset?: string;
  seed: string;
  scan: string;
  similarity: string;
  semantic: boolean;
  cacheDir: string;
  project: string;
  db: string;
  output?: string;
}

function numberFlag(value: string, flag: string, min: number, max: number, whole = true): number {
  const n = Number(value);
  if (!Number.isFinite(n) || (whole && !Number.isInteger(n)) || n < min || n > max)
    throw new GenchiError(
      "GENCHI_BAD_REQUEST",
      `${flag} must be a ${whole ? "whole " : ""}number from ${min} to ${max}, got "${value}"`,
    );
  return n;
}

async function refresh(flags: RefreshFlags): Promise<void> {
  const n = numberFlag(flags.n, "--n", 1, 10_000);
  const seed = numberFlag(flags.seed, "--seed", 0, 2 ** 31);
  const scan = numberFlag(flags.scan, "--scan", 1, 50_000);
  const similarity = numberFlag(flags.similarity, "--similarity", 0, 1, false);
  const { sinceInstant } = await import("../drift/since-window.js");
  const since = sinceInstant(flags.since);
  const until = flags.until ? sinceInstant(flags.until) : undefined;
  const { openStore } = await import("../store/open-store.js");
  const { refreshHoldout } = await import("../drift/refresh-holdout.js");
  const embedder = flags.semantic
    ? (await import("../drift/cached-embedder.js")).cachedEmbedder(
        (await import("../drift/energetic-embedder.js")).energeticEmbedder(),
        flags.cacheDir,
      )
    : null;
  const store = await openStore(flags.db);
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

export function datasetCommand(): Command {
  const dataset = new Command("dataset").description("datasets of eval inputs").exitOverride();
  dataset.addCommand(
    storeOptions(
      new Command("refresh")
        .description(
          "refresh a holdout dataset from recent production inputs of a route: stratified by cluster, raw (typos kept), near-duplicates removed, linked to their calls",
        )
        .exitOverride(),
    )
      .requiredOption("--route <route>", "the route whose production inputs are sampled")
      .option("--n <n>", "items to add", "200")
      .option("--since <7d|ISO>", "production calls from (a duration back from now, or a date-time)", "7d")
      .option("--until <duration|ISO>", "production calls until (default now)")
      .option("--dataset <name>", "dataset to add to (created when missing; default <route>-holdout)")
      .option("--seed <n>", "seed for sampling and clustering", "1")
      .option("--scan <n>", "newest calls read at most", "2000")
      .option("--similarity <0..1>", "near-duplicate threshold (Levenshtein similarity)", "0.9")
      .option("--no-semantic", "stratify by a structural key (no embeddings)")
      .addOption(
        new Option("--cache-dir <dir>", "embeddings cache folder").default(
          join(".genchi", "cache", "embeddings"),
        ),
      )
      .action(async (flags: RefreshFlags) => {
        await refresh(flags);
      }),
  );
  return dataset;
}
