/**
 * The options of commands that read a genchi database directly: `--db`, `--project`, `--output`.
 * Nothing here opens the database, so `--help` and bad usage stay fast.
 */
import { type Command, Option } from "commander";

/** `--db` (or GENCHI_DATABASE_URL); unset means the store's default file. */
export function dbOption(): Option {
  return new Option("--db <path|url>", "SQLite file or postgres:// URL (default ./.genchi/genchi.db)").env(
    "GENCHI_DATABASE_URL",
  );
}

/** `--db`, `--project`, `--output`: shared by `models`, `shadow report` and `dataset refresh`. */
export function storeOptions(command: Command): Command {
  return command
    .addOption(dbOption())
    .option("--project <name>", "project name", "default")
    .option("--output <file.json>", "also write the result as JSON");
}
