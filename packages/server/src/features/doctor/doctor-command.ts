/**
 * `genchi doctor [--config F] [--db D]`: checks a setup before it is served, one line per
 * check, and exits 1 when a check fails (0 with warnings only). What it opens is what
 * `genchi serve` would open with the same flags.
 */
import { wholeNumber } from "@genchi/eval/usage";
import { Command } from "commander";
import type { CommandHost } from "../../platform/cli/command-host.js";
import { dbOption } from "../../platform/cli/store-options.js";
import { type CheckResult, checkDatabase, checkPort, checkUpstreamKeys } from "./doctor-checks.js";

interface DoctorFlags {
  config?: string;
  db?: string;
  port?: number;
}

const marks = { ok: "✓", warn: "!", fail: "✗" } as const;

/** The report's lines: a mark, the check's name padded to a column, its detail. */
export function formatChecks(results: readonly CheckResult[]): string {
  const width = Math.max(...results.map((r) => r.name.length));
  const lines = results.map((r) => `${marks[r.verdict]} ${r.name.padEnd(width)}  ${r.detail}`);
  const failed = results.filter((r) => r.verdict === "fail").length;
  const warned = results.filter((r) => r.verdict === "warn").length;
  lines.push(
    failed > 0
      ? `${failed} check(s) failed`
      : warned > 0
        ? `ready, with ${warned} warning(s)`
        : "ready: genchi serve can start",
  );
  return `${lines.join("\n")}\n`;
}

async function runDoctor(host: CommandHost, flags: DoctorFlags): Promise<CheckResult[]> {
  const { loadConfigFile, resolveConfig } = await import("../../platform/config/load-config.js");
  const results: CheckResult[] = [];
  let config: ReturnType<typeof resolveConfig>;
  try {
    const file = flags.config ? loadConfigFile(flags.config) : {};
    config = resolveConfig(file, {
      ...(flags.db ? { db: flags.db } : {}),
      ...(flags.port !== undefined ? { port: flags.port } : {}),
    });
    results.push({ name: "config", verdict: "ok", detail: flags.config ?? "defaults (no --config)" });
  } catch (error) {
    results.push({ name: "config", verdict: "fail", detail: (error as Error).message });
    return results;
  }
  results.push(await checkDatabase(host, config.db));
  results.push(...checkUpstreamKeys(config, process.env));
  results.push(await checkPort(config.host, config.port));
  return results;
}

export function doctorCommand(host: CommandHost): Command {
  return new Command("doctor")
    .description(
      "check a setup before serving it: the config file, the database and its schema, upstream keys, the port",
    )
    .option("--config <file>", "genchi config file (YAML), as given to genchi serve")
    .addOption(dbOption())
    .option("--port <n>", "the port genchi serve would listen on (0–65535)", wholeNumber(0, 65535))
    .action(async (flags: DoctorFlags) => {
      const results = await runDoctor(host, flags);
      process.stdout.write(formatChecks(results));
      if (results.some((r) => r.verdict === "fail")) process.exitCode = 1;
    });
}
