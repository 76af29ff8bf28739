/**
 * Where the gateway's crash spool lives: one folder per database, so a spool is only ever
 * replayed into the database its calls were meant for.
 */
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import type { ServerConfig } from "@genchi/spec";

/**
 * @example spoolDirOf(config) // → "/home/me/.genchi/spool" for --db /home/me/.genchi/genchi.db
 */
export function spoolDirOf(config: Pick<ServerConfig, "db" | "gateway">): string | null {
  const configured = config.gateway.spoolDir;
  if (configured === null) return null;
  if (configured !== undefined) return configured;
  if (config.db === ":memory:") return null;
  if (/^postgres(ql)?:\/\//.test(config.db)) {
    const url = new URL(config.db);
    url.password = "";
    const id = createHash("sha256").update(url.toString()).digest("hex").slice(0, 16);
    return join(".genchi", "spool", id);
  }
  return join(dirname(config.db), "spool");
}
