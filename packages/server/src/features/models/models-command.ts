/**
 * `genchi models`: every model seen through the gateway, pinned or floating, with the models
 * actually served for each requested one; a change of served model (a silent update) is flagged.
 * Asks a running genchi (`--url`/`--key`, or `GENCHI_URL`/`GENCHI_KEY`: `GET /api/v1/models`,
 * the key's project, the server's pins) or reads a database (`--db`, the default when no URL is set).
 */
import { writeFileSync } from "node:fs";
import { httpUrl } from "@genchi/eval/usage";
import type { ModelSeen } from "@genchi/spec";
import { GenchiError } from "@genchi/spec/errors";
import { Command, Option } from "commander";
import type { CommandHost } from "../../platform/cli/command-host.js";
import { storeOptions } from "../../platform/cli/store-options.js";

interface ModelsFlags {
  project: string;
  db?: string;
  config?: string;
  output?: string;
  url?: string;
  key?: string;
}

/** Where the models are read: a running genchi, or a database. Bad combinations are usage errors. */
function sourceOf(
  flags: ModelsFlags,
  command: Command,
): { url: string; key: string } | { db: string | undefined } {
  const from = (name: string) => command.getOptionValueSource(name);
  const usage = (message: string): never => command.error(message, { exitCode: 2, code: "genchi.usage" });
  if (from("url") === "cli" && from("db") === "cli")
    usage("--url and --db both given: --url asks a running genchi, --db reads a database; pick one");
  const url = from("db") === "cli" ? undefined : flags.url;
  if (url === undefined) {
    if (from("key") === "cli") usage("--key goes with --url (or GENCHI_URL): the running genchi to ask");
    return { db: flags.db };
  }
  const origin = from("url") === "cli" ? "--url" : "GENCHI_URL";
  if (!flags.key) usage(`${origin} needs --key (or GENCHI_KEY): the project key the server knows`);
  if (from("project") === "cli")
    usage(`with ${origin} the key names the project: drop --project, or read a database with --db`);
  if (from("config") === "cli")
    usage(`with ${origin} the server's own config applies: drop --config, or read a database with --db`);
  return { url, key: flags.key as string };
}

async function fromDatabase(
  host: CommandHost,
  db: string | undefined,
  flags: ModelsFlags,
): Promise<ModelSeen[]> {
  const { loadConfigFile, resolveConfig } = await import("../../platform/config/load-config.js");
  const config = resolveConfig(flags.config ? loadConfigFile(flags.config) : {});
  const { configPinSource } = await import("../gateway/index.js");
  const { modelsSeen } = await import("./models-seen.js");
  const store = await host.openStore(db);
  try {
    const project = await store.getProjectByName(flags.project);
    if (!project)
      throw new GenchiError("GENCHI_NOT_FOUND", `no project '${flags.project}': check --project and --db`);
    const pins = [
      ...(await store.models.listPins(project.id)),
      ...configPinSource(config).pinsFor(project.id),
    ];
    return await modelsSeen(store, project.id, pins);
  } finally {
    await store.close();
  }
}

async function fromServer(url: string, key: string): Promise<ModelSeen[]> {
  const { withGenchi } = await import("@genchi/eval/client");
  return (await withGenchi({ url, key }, (api) => api.models.list())).data;
}

function print(models: readonly ModelSeen[]): void {
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
}

export function modelsCommand(host: CommandHost): Command {
  return storeOptions(
    new Command("models").description(
      "list every model seen through the gateway: pinned or floating, served-model changes (from a running genchi with --url, else from --db)",
    ),
  )
    .option(
      "--config <file>",
      "genchi config file (for its models.pins; pins set through the API always apply); with --db only",
    )
    .addOption(
      new Option("--url <url>", "a running genchi to ask instead of a database (its key's project is listed)")
        .env("GENCHI_URL")
        .argParser(httpUrl),
    )
    .addOption(new Option("--key <key>", "the project key for --url").env("GENCHI_KEY"))
    .action(async (flags: ModelsFlags, command: Command) => {
      const source = sourceOf(flags, command);
      const models =
        "url" in source
          ? await fromServer(source.url, source.key)
          : await fromDatabase(host, source.db, flags);
      if (flags.output) writeFileSync(flags.output, `${JSON.stringify({ data: models }, null, 2)}\n`);
      print(models);
    });
}
