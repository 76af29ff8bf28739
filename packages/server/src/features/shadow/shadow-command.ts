/**
 * `genchi shadow report --route R`: a route's production calls against their shadow twins, and
 * the route's eval-suite assertions on both sides (the suite of the route set through the API,
 * else of `--config`'s models.shadow, or `--suite FILE`).
 */
import { writeFileSync } from "node:fs";
import { GenchiError } from "@genchi/spec/errors";
import { Command } from "commander";
import type { CommandHost } from "../../platform/cli/command-host.js";
import { storeOptions } from "../../platform/cli/store-options.js";

interface ShadowFlags {
  route: string;
  project: string;
  db?: string;
  output?: string;
  config?: string;
  suite?: string;
}

const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null, unit = "") => (x === null ? "–" : `${Math.round(x * 10) / 10}${unit}`);

export function shadowCommand(host: CommandHost): Command {
  const shadow = new Command("shadow").description(
    "shadow traffic: compare a route's candidate model on real inputs",
  );
  shadow.addCommand(
    storeOptions(
      new Command("report").description("compare each production call of a route with its shadow twin"),
    )
      .requiredOption("--route <route>", "the route, e.g. categorize")
      .option("--config <file>", "genchi config file (for its models.shadow suites)")
      .option("--suite <file.yaml>", "eval suite whose shared assertions run on both sides")
      .action(async (flags: ShadowFlags) => {
        const { loadConfigFile, resolveConfig } = await import("../../platform/config/load-config.js");
        const config = resolveConfig(flags.config ? loadConfigFile(flags.config) : {});
        const { closeJavascriptSandbox } = await import("@genchi/eval");
        const { shadowReport } = await import("./shadow-report.js");
        const { mergeShadowRoutes } = await import("./shadow-route-source.js");
        const store = await host.openStore(flags.db);
        try {
          const project = await store.getProjectByName(flags.project);
          if (!project)
            throw new GenchiError(
              "GENCHI_NOT_FOUND",
              `no project '${flags.project}': check --project and --db`,
            );
          const routes = mergeShadowRoutes(
            await store.models.listShadowRoutes(project.id),
            config.models.shadow,
          );
          const suite = flags.suite ?? routes.find((r) => r.route === flags.route)?.suite ?? null;
          const report = await shadowReport(store, project.id, flags.route, { suite });
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
          const suiteReport = report.suite;
          if (suiteReport?.error) out.push(`  suite ${suiteReport.path}: ${suiteReport.error}`);
          else if (suiteReport) {
            out.push(
              `  suite              primary ${pct(suiteReport.primaryPassRate)}  candidate ${pct(suiteReport.candidatePassRate)}  (${suiteReport.path})`,
            );
            for (const a of suiteReport.assertions) {
              out.push(
                a.skipped
                  ? `    ${a.label}  skipped: ${a.skipped}`
                  : `    ${a.label}  primary ${pct(a.primaryPassRate)}  candidate ${pct(a.candidatePassRate)}  ${a.flips.length} flipped`,
              );
            }
          }
          if (s.pairs === 0)
            out.push(
              "  no pairs yet: configure models.shadow for this route and send traffic through the gateway",
            );
          process.stdout.write(`${out.join("\n")}\n`);
        } finally {
          closeJavascriptSandbox();
          await store.close();
        }
      }),
  );
  return shadow;
}
