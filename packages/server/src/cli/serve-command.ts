/** `genchi serve`: REST API, ingest, OTLP, gateway and UI on one port. */
import { GenchiError } from "@genchi/spec";
import { Command, Option } from "commander";
import { loadConfigFile } from "../config/load-config.js";
import type { ServerConfigInput } from "../config/server-config.js";
import { startDemo } from "../demo/start-demo.js";
import { startServer } from "../server/start-server.js";

interface ServeFlags {
  port?: string;
  host?: string;
  db?: string;
  upstream: string[];
  config?: string;
  demo?: boolean;
  retentionDays?: string;
}

export function serveCommand(): Command {
  return new Command("serve")
    .description("start genchi: REST API, ingest, OTLP, gateway and web UI on one port")
    .option("--port <port>", "port to listen on (default 4242)")
    .option("--host <host>", "interface to bind (default 127.0.0.1; use 0.0.0.0 to expose)")
    .addOption(
      new Option("--db <path|url>", "SQLite file or postgres:// URL (default ./.genchi/genchi.db)").env(
        "GENCHI_DATABASE_URL",
      ),
    )
    .option("--upstream <name=baseUrl>", "an LLM upstream for the gateway (repeatable)", collect, [])
    .option("--config <file>", "YAML config file")
    .option("--retention-days <days>", "delete calls older than this many days")
    .option("--demo", "load the demo project into an empty database")
    .action(async (flags: ServeFlags) => {
      const fromFile: ServerConfigInput = flags.config ? loadConfigFile(flags.config) : {};
      const fromFlags: ServerConfigInput = {};
      if (flags.port !== undefined) fromFlags.port = parseIntFlag("--port", flags.port);
      if (flags.host !== undefined) fromFlags.host = flags.host;
      if (flags.db !== undefined) fromFlags.db = flags.db;
      if (flags.retentionDays !== undefined)
        fromFlags.retentionDays = parseIntFlag("--retention-days", flags.retentionDays);
      if (flags.upstream.length > 0)
        fromFlags.upstreams = Object.fromEntries(flags.upstream.map(parseUpstream));
      const server = await startServer({
        ...fromFile,
        ...fromFlags,
        upstreams: { ...fromFile.upstreams, ...fromFlags.upstreams },
        initProjectKey: process.env.GENCHI_INIT_PROJECT_KEY || undefined,
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
      if (flags.demo) await startDemo(server);
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseIntFlag(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new GenchiError("GENCHI_BAD_CONFIG", `${name} must be a whole number, got '${value}'`);
  return n;
}

function parseUpstream(spec: string): [string, { baseUrl: string }] {
  const eq = spec.indexOf("=");
  if (eq <= 0) throw new GenchiError("GENCHI_BAD_CONFIG", `--upstream takes NAME=BASE_URL, got '${spec}'`);
  const baseUrl = spec.slice(eq + 1);
  if (!URL.canParse(baseUrl))
    throw new GenchiError("GENCHI_BAD_CONFIG", `--upstream ${spec.slice(0, eq)}: '${baseUrl}' is not a URL`);
  return [spec.slice(0, eq), { baseUrl }];
}
