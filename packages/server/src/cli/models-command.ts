/**
 * `genchi models`: every model seen through the gateway, pinned or floating, with the models
 * actually served for each requested one; a change of served model (a silent update) is flagged.
 */
import { writeFileSync } from "node:fs";
import { GenchiError } from "@genchi/spec/errors";
import { Command } from "commander";
import { storeOptions } from "./store-options.js";

interface ModelsFlags {
  project: string;
  db?: string;
  config?: string;
  output?: string;
}

export function modelsCommand(): Command {
  return storeOptions(
    new Command("models").description(
      "list every model seen through the gateway: pinned or floating, served-model changes",
    ),
  )
    .option(
      "--config <file>",
      "genchi config file (for its models.pins; pins set through the API always apply)",
    )
    .action(async (flags: ModelsFlags) => {
      const { loadConfigFile, resolveConfig } = await import("../config/load-config.js");
      const config = resolveConfig(flags.config ? loadConfigFile(flags.config) : {});
      const { configPinSource } = await import("../gateway/gateway.js");
      const { modelsSeen } = await import("../gateway/models-seen.js");
      const { openStore } = await import("../store/open-store.js");
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
