/** `genchi keys create|list`: project keys, straight against the database (`--db`). */
import { Command, Option } from "commander";
import { displayPrefix, generateKey, hashKey } from "../services/project-keys.js";
import { defaultDatabasePath, openStore } from "../store/open-store.js";

interface KeyFlags {
  project: string;
  db: string;
  public?: boolean;
  name?: string;
}

const dbOption = () =>
  new Option("--db <path|url>", "SQLite file or postgres:// URL")
    .env("GENCHI_DATABASE_URL")
    .default(defaultDatabasePath);

export function keysCommand(): Command {
  const keys = new Command("keys").description("create and list project keys");
  keys
    .command("create")
    .description("create a key for a project (the project is created if missing) and print it once")
    .requiredOption("--project <name>", "project name")
    .option("--public", "a public, write-only feedback key (safe in a web page)")
    .option("--name <label>", "a label to tell keys apart")
    .addOption(dbOption())
    .action(async (flags: KeyFlags) => {
      const store = await openStore(flags.db);
      try {
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
      } finally {
        await store.close();
      }
    });
  keys
    .command("list")
    .description("list a project's keys (prefixes only; secrets are never stored)")
    .requiredOption("--project <name>", "project name")
    .addOption(dbOption())
    .action(async (flags: KeyFlags) => {
      const store = await openStore(flags.db);
      try {
        const project = await store.getProjectByName(flags.project);
        if (!project) throw new Error(`no project '${flags.project}'`);
        for (const k of await store.listKeys(project.id)) {
          process.stdout.write(`${k.prefix}…  ${k.kind.padEnd(6)}  ${k.createdAt}  ${k.name ?? ""}\n`);
        }
      } finally {
        await store.close();
      }
    });
  return keys;
}
