/**
 * The checks behind `genchi doctor`, each a verdict with one line of detail. Secrets never
 * appear in a detail: an upstream key is reported by the name of its variable only.
 */
import { createServer } from "node:net";
import type { ServerConfig } from "@genchi/spec";
import type { CommandHost } from "../../platform/cli/command-host.js";

export type Verdict = "ok" | "warn" | "fail";

export interface CheckResult {
  name: string;
  verdict: Verdict;
  detail: string;
}

/** Opens (and migrates) the database, then counts what it holds. */
export async function checkDatabase(host: CommandHost, db: string): Promise<CheckResult> {
  let store: Awaited<ReturnType<CommandHost["openStore"]>>;
  try {
    store = await host.openStore(db);
  } catch (error) {
    return { name: "database", verdict: "fail", detail: `${db}: ${(error as Error).message}` };
  }
  try {
    const projects = await store.listProjects();
    let calls = 0;
    for (const project of projects) calls += await store.countCalls(project.id);
    const where = db.replace(/\/\/[^@/]*@/, "//…@");
    return {
      name: "database",
      verdict: "ok",
      detail: `${store.backend} ${where}: schema up to date, ${projects.length} project(s), ${calls} call(s)`,
    };
  } finally {
    await store.close();
  }
}

/** Each configured upstream's key variable is set (by name; the value is never read out). */
export function checkUpstreamKeys(config: ServerConfig, env: NodeJS.ProcessEnv): CheckResult[] {
  const entries = Object.entries(config.upstreams);
  if (entries.length === 0) {
    return [
      {
        name: "upstreams",
        verdict: "ok",
        detail: "the vendors' public APIs; each request's own key is passed through",
      },
    ];
  }
  return entries.map(([name, upstream]) => {
    if (!upstream.apiKeyEnv) {
      return {
        name: `upstream ${name}`,
        verdict: "ok",
        detail: `${upstream.baseUrl}; each request's own key is passed through`,
      };
    }
    const set = (env[upstream.apiKeyEnv] ?? "") !== "";
    return {
      name: `upstream ${name}`,
      verdict: set ? "ok" : "fail",
      detail: set
        ? `${upstream.baseUrl}; key from $${upstream.apiKeyEnv}`
        : `${upstream.baseUrl}; $${upstream.apiKeyEnv} is not set (the config names it as this upstream's key)`,
    };
  });
}

/** Whether `genchi serve` could listen on the configured host and port now. */
export function checkPort(host: string, port: number): Promise<CheckResult> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      resolve({
        name: "port",
        verdict: "warn",
        detail:
          error.code === "EADDRINUSE"
            ? `${host}:${port} is in use (a genchi already running there?)`
            : `${host}:${port}: ${error.message}`,
      });
    });
    server.listen({ host, port }, () => {
      server.close(() => resolve({ name: "port", verdict: "ok", detail: `${host}:${port} is free` }));
    });
  });
}
