/**
 * `genchi keys create|list|revoke`: project keys, straight against the database (`--db`).
 * genchi has no HTTP route for keys, so a running server learns of a revoked key from the
 * database: its authenticator caches a key for 30 s, so the key stops working within 30 s.
 * Unlike `models`, keys never go through a running genchi: `--url`/`--key` are a usage error
 * that says so, and `GENCHI_URL` set with no database named gets a note on stderr.
 */
import { writeFileSync } from "node:fs";
import { commandPath } from "@genchi/eval/usage";
import type { KeyMeta } from "@genchi/spec";
import { GenchiError } from "@genchi/spec/errors";
import { Command, Option } from "commander";
import type { CommandHost } from "../../platform/cli/command-host.js";
import { dbOption } from "../../platform/cli/store-options.js";
import type { Store } from "../../platform/store/store.js";

interface KeyFlags {
  project: string;
  db?: string;
  public?: boolean;
  name?: string;
  output?: string;
}

/** Opens the store (loaded only now: the database drivers are not needed for --help). */
async function withStore<T>(
  host: CommandHost,
  db: string | undefined,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await host.openStore(db);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function projectOrThrow(store: Store, name: string) {
  const project = await store.getProjectByName(name);
  if (!project) throw new GenchiError("GENCHI_NOT_FOUND", `no project '${name}': check --project and --db`);
  return project;
}

/**
 * The one key of the project that `what` names: its id, its listed prefix (`gk_3fZk`, with
 * or without the `…`), or the whole key.
 */
async function findKey(store: Store, projectId: string, projectName: string, what: string): Promise<KeyMeta> {
  const { hashKey } = await import("../../platform/keys/project-keys.js");
  const whole = await store.findKeyByHash(hashKey(what));
  if (whole?.projectId === projectId) return whole;
  const wanted = what.replace(/…$/, "");
  const keys = (await store.listKeys(projectId)).filter((k) => k.id === wanted || k.prefix === wanted);
  if (keys.length === 1) return keys[0]!;
  if (keys.length === 0)
    throw new GenchiError(
      "GENCHI_NOT_FOUND",
      `no key '${what}' in project '${projectName}': genchi keys list --project ${projectName} shows its keys`,
    );
  throw new GenchiError(
    "GENCHI_BAD_REQUEST",
    `'${what}' matches ${keys.length} keys of project '${projectName}' (${keys.map((k) => k.id).join(", ")}): give the key's id`,
  );
}

/**
 * Makes a keys command refuse `--url`/`--key` (hidden options, so the message can say why) and
 * note on stderr when `GENCHI_URL` is set but no database was named (the default file is used).
 */
function onDatabaseOnly(command: Command): Command {
  return command
    .addOption(new Option("--url <url>").hideHelp())
    .addOption(new Option("--key <key>").hideHelp())
    .hook("preAction", (_self, action) => {
      const given = ["url", "key"].filter((name) => action.getOptionValueSource(name) === "cli");
      if (given.length > 0)
        action.error(
          `${given.map((name) => `--${name}`).join(" and ")}: genchi keys works on the database, not through a running genchi (it has no route for keys); pass --db with the database your genchi server uses`,
          { exitCode: 2, code: "genchi.usage" },
        );
      if (process.env["GENCHI_URL"]?.trim() && action.getOptionValueSource("db") === undefined)
        process.stderr.write(
          `${commandPath(action)}: note: keys are kept in the database, here ./.genchi/genchi.db (--db); GENCHI_URL is not used: pass --db with the database your genchi server uses\n`,
        );
    });
}

export function keysCommand(host: CommandHost): Command {
  const keys = new Command("keys").description("create, list and revoke project keys");
  const createCommand = keys
    .command("create")
    .description("create a key for a project (the project is created if missing) and print it once")
    .requiredOption("--project <name>", "project name")
    .option("--public", "a public, write-only feedback key (safe in a web page)")
    .option("--name <label>", "a label to tell keys apart")
    .addOption(dbOption())
    .action(async (flags: KeyFlags) => {
      const { displayPrefix, generateKey, hashKey } = await import("../../platform/keys/project-keys.js");
      await withStore(host, flags.db, async (store) => {
        const project = await store.ensureProject(flags.project);
        const kind = flags.public ? "public" : "secret";
        const key = generateKey(kind);
        await store.createKey({
          projectId: project.id,
          kind,
          hash: hashKey(key),
          prefix: displayPrefix(key),
          name: flags.name ?? null,
        });
        process.stdout.write(`${key}\n`);
        process.stderr.write(`created a ${kind} key for project '${project.name}'; it is shown only now\n`);
      });
    });
  const listCommand = keys
    .command("list")
    .description("list a project's keys: id, prefix, kind, created, name (secrets are never stored)")
    .requiredOption("--project <name>", "project name")
    .option("--output <file.json>", "also write the keys as JSON")
    .addOption(dbOption())
    .action(async (flags: KeyFlags) => {
      await withStore(host, flags.db, async (store) => {
        const project = await projectOrThrow(store, flags.project);
        const list = await store.listKeys(project.id);
        if (flags.output) writeFileSync(flags.output, `${JSON.stringify({ data: list }, null, 2)}\n`);
        for (const k of list) {
          process.stdout.write(
            `${k.id}  ${k.prefix}…  ${k.kind.padEnd(6)}  ${k.createdAt}  ${k.name ?? ""}`.trimEnd() + "\n",
          );
        }
      });
    });
  const revokeCommand = keys
    .command("revoke")
    .description(
      "revoke a project's key so it no longer authenticates (a running server stops accepting it within 30 s)",
    )
    .argument("<key>", "the key's id or prefix, as genchi keys list shows them, or the key itself")
    .requiredOption("--project <name>", "project name")
    .addOption(dbOption())
    .action(async (what: string, flags: KeyFlags) => {
      await withStore(host, flags.db, async (store) => {
        const project = await projectOrThrow(store, flags.project);
        const key = await findKey(store, project.id, project.name, what);
        if (!(await store.revokeKey(project.id, key.id)))
          throw new GenchiError("GENCHI_NOT_FOUND", `key ${key.id} was revoked meanwhile`);
        process.stdout.write(
          `revoked ${key.id} (${key.prefix}…, ${key.kind}${key.name ? `, ${key.name}` : ""})\n`,
        );
        process.stderr.write(
          "it authenticates no more; a running genchi server stops accepting it within 30 s (its key cache)\n",
        );
      });
    });
  for (const command of [createCommand, listCommand, revokeCommand]) onDatabaseOnly(command);
  return keys;
}
