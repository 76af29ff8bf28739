/**
 * `genchi serve`: REST API, ingest, OTLP, gateway and UI on one port. Flags are checked while
 * parsing; the server's modules load only when it starts (so `--help` stays fast).
 */

import { wholeNumber } from "@genchi/eval/usage";
import type { ServerConfigInput } from "@genchi/spec";
import { Command, InvalidArgumentError, Option } from "commander";

interface ServeFlags {
  port?: number;
  host?: string;
  db?: string;
  upstream: [string, { baseUrl: string }][];
  config?: string;
  demo?: boolean;
  retentionDays?: number;
  /** false with `--no-jobs`. */
  jobs: boolean;
}

export function serveCommand(): Command {
  return new Command("serve")
    .description("start genchi: REST API, ingest, OTLP, gateway and web UI on one port")
    .option("--port <port>", "port to listen on (default 4242)", wholeNumber(0, 65_535))
    .option("--host <host>", "interface to bind (default 127.0.0.1; use 0.0.0.0 to expose)")
    .addOption(
      new Option("--db <path|url>", "SQLite file or postgres:// URL (default ./.genchi/genchi.db)").env(
        "GENCHI_DATABASE_URL",
      ),
    )
    .option("--upstream <name=baseUrl>", "an LLM upstream for the gateway (repeatable)", collectUpstream, [])
    .option("--config <file>", "YAML config file")
    .option("--retention-days <days>", "delete calls older than this many days", wholeNumber(1))
    .option("--demo", "load the demo project into an empty database")
    .option("--no-jobs", "HTTP only: run no background jobs (retention, review reminders, daily drift)")
    .action(async (flags: ServeFlags) => {
      const { loadConfigFile } = await import("../platform/config/load-config.js");
      const fromFile: ServerConfigInput = flags.config ? loadConfigFile(flags.config) : {};
      const fromFlags: ServerConfigInput = {};
      if (flags.port !== undefined) fromFlags.port = flags.port;
      if (flags.host !== undefined) fromFlags.host = flags.host;
      if (flags.db !== undefined) fromFlags.db = flags.db;
      if (flags.retentionDays !== undefined) fromFlags.retentionDays = flags.retentionDays;
      if (flags.upstream.length > 0) fromFlags.upstreams = Object.fromEntries(flags.upstream);
      const { startServer } = await import("./start-server.js");
      const server = await startServer({
        ...fromFile,
        ...fromFlags,
        upstreams: { ...fromFile.upstreams, ...fromFlags.upstreams },
        initProjectKey: process.env.GENCHI_INIT_PROJECT_KEY || undefined,
        jobs: flags.jobs,
      });
      const lines = [
        `genchi is running at ${server.url}`,
        `  database: ${server.store.backend === "sqlite" ? server.config.db : "PostgreSQL"}`,
        server.defaultKey
          ? `  default project key: ${server.defaultKey}`
          : "  default project key: created earlier (make another with: genchi keys create --project default)",
        `  try: curl -H "Authorization: Bearer <key>" ${server.url}/api/v1/calls`,
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
      if (flags.demo) {
        // The only import of @genchi/demo in product code: the demo loads with --demo alone.
        const [{ startDemo }, { demoHost }] = await Promise.all([
          import("@genchi/demo"),
          import("./demo-host.js"),
        ]);
        await startDemo(demoHost(server));
      }
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}

/** `--upstream NAME=BASE_URL`, repeatable. */
function collectUpstream(
  spec: string,
  previous: [string, { baseUrl: string }][],
): [string, { baseUrl: string }][] {
  const eq = spec.indexOf("=");
  if (eq <= 0) throw new InvalidArgumentError("Expected NAME=BASE_URL.");
  const baseUrl = spec.slice(eq + 1);
  if (!URL.canParse(baseUrl)) throw new InvalidArgumentError(`'${baseUrl}' is not a URL.`);
  return [...previous, [spec.slice(0, eq), { baseUrl }]];
}
