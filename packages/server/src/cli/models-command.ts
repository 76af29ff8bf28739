/**
 * `genchi models`: every model seen through the gateway, pinned or floating, with the models
 * actually served for each requested one; a change of served model (a silent update) is flagged.
 */
import { writeFileSync } from "node:fs";
import { GenchiError } from "@genchi/spec";
import { Command, Option } from "commander";
import { loadConfigFile, resolveConfig } from "../config/load-config.js";
import { configPinSource } from "../gateway/gateway.js";
import { modelsSeen } from "../gateway/models-seen.js";
import { defaultDatabasePath, openStore } from "../store/open-store.js";

interface ModelsFlags {
  project: string;
  db: string;
  config?: string;
  output?: string;
}

/** `--db`, `--project`, `--config`, `--output`: shared by `models` and `shadow report`. */
export function storeOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--db <path|url>", "SQLite file or postgres:// URL")
        .env("GENCHI_DATABASE_URL")
        .default(defaultDatabasePath),
    )
    .option("--project <name>", "project name", "default")
    .option("--output <file.json>", "also write the result as JSON");
}

export function modelsCommand(): Command {
  return storeOptions(
    new Command("models")
      .exitOverride()
      .description("list every model seen through the gateway: pinned or floating, served-model changes"),
  )
    .option(
      "--config <file>",
      "genchi config file (for its models.pins; pins set through the API always apply)",
    )
    .exitOverride()
    .action(async (flags: ModelsFlags) => {
      const config = resolveConfig(flags.config ? loadConfigFile(flags.config) : {});
      const store = await openStore(flags.db);
      try {
        const project = await store.getProjectByName(flags.project);
        if (!project)
          throw new GenchiError(
            "GENCHI_NOT_FOUND",
            `no project '${flags.project}': check --project and --db`,
          );
        const pins = [
          ...(await store.models.listPins(project.id)),
          ...configPinSource(config).pinsFor(project.id),
        ];
        const models = await modelsSeen(store, project.id, pins);
        if (flags.output) writeFileSync(flags.output, `${JSON.stringify({ data: models }, null, 2)}\n`);
        if (models.length === 0) process.stdout.write("no models seen yet\n");
        for (const m of models) {
          const flag = m.servedChanged ? "  ⚠ served model changed" : "";
          const pin = m.pinnedTo ? `  pinned to ${m.pinnedTo}` : "";
          process.stdout.write(`${m.requestedModel}  ${m.kind}  (${m.provider ?? "?"})${pin}${flag}\n`);
          const routes = m.routes.map((r) => `${r.route ?? "(no route)"} ${r.calls}`).join(", ");
          if (routes) process.stdout.write(`    routes ${routes}\n`);
          for (const s of m.servedModels) {
            process.stdout.write(`    served ${s.model}  ${s.calls} calls  ${s.firstSeen} → ${s.lastSeen}\n`);
          }
        }
      } finally {
        await store.close();
      }
    });
}
