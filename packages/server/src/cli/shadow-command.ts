/** `genchi shadow report --route R`: a route's production calls against their shadow twins. */
import { writeFileSync } from "node:fs";
import { GenchiError } from "@genchi/spec";
import { Command } from "commander";
import { shadowReport } from "../gateway/shadow-report.js";
import { openStore } from "../store/open-store.js";
import { storeOptions } from "./models-command.js";

interface ShadowFlags {
  route: string;
  project: string;
  db: string;
  output?: string;
}

const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null, unit = "") => (x === null ? "–" : `${Math.round(x * 10) / 10}${unit}`);

export function shadowCommand(): Command {
  const shadow = new Command("shadow")
    .exitOverride()
    .description("shadow traffic: compare a route's candidate model on real inputs");
  shadow.addCommand(
    storeOptions(
      new Command("report")
        .exitOverride()
        .description("compare each production call of a route with its shadow twin"),
    )
      .requiredOption("--route <route>", "the route, e.g. categorize")
      .action(async (flags: ShadowFlags) => {
        const store = await openStore(flags.db);
        try {
          const project = await store.getProjectByName(flags.project);
          if (!project)
            throw new GenchiError(
              "GENCHI_NOT_FOUND",
              `no project '${flags.project}': check --project and --db`,
            );
          const report = await shadowReport(store, project.id, flags.route);
          if (flags.output) writeFileSync(flags.output, `${JSON.stringify(report, null, 2)}\n`);
          const s = report.summary;
          const out = [
            `shadow report for route '${report.route}': ${s.pairs} pairs, ${s.candidateErrors} candidate errors`,
            `  exact match        ${pct(s.exactMatchRate)}`,
            `  mean similarity    ${num(s.meanSimilarity)}`,
            `  JSON valid         primary ${pct(s.primaryJsonValidRate)}  candidate ${pct(s.candidateJsonValidRate)}`,
            `  mean length        primary ${num(s.meanPrimaryLength)}  candidate ${num(s.meanCandidateLength)}`,
            `  p50 latency        primary ${num(s.p50PrimaryLatencyMs, " ms")}  candidate ${num(s.p50CandidateLatencyMs, " ms")}`,
            `  total cost         primary $${s.totalPrimaryCostUsd.toFixed(6)}  candidate $${s.totalCandidateCostUsd.toFixed(6)}`,
          ];
          if (s.pairs === 0)
            out.push(
              "  no pairs yet: configure models.shadow for this route and send traffic through the gateway",
            );
          process.stdout.write(`${out.join("\n")}\n`);
        } finally {
          await store.close();
        }
      }),
  );
  return shadow;
}
