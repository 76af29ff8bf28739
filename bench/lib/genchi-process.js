// Shared by the benchmarks: start `genchi serve` in its own process (as users run it) and
// talk to it over HTTP keep-alive with a project key.
import { spawn } from "node:child_process";
import http from "node:http";
import { join } from "node:path";
import pg from "pg";

export const repoRoot = new URL("../..", import.meta.url).pathname;

/** Starts `genchi serve --port PORT --db DB` with `key` as the default project's key. */
export async function startGenchi({ port, db, key, nodeArgs = [] }) {
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      join(repoRoot, "packages/server/bin/genchi.js"),
      "serve",
      "--port",
      String(port),
      "--db",
      db,
    ],
    { env: { ...process.env, GENCHI_INIT_PROJECT_KEY: key }, stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise((resolve, reject) => {
    child.stdout.on("data", (d) => d.toString().includes("running at") && resolve());
    child.on("exit", (code) => reject(new Error(`server exited ${code}`)));
  });
  return child;
}

/** A request function bound to one server and key: `request(method, path, body?)` → { status, body }. */
export function genchiClient({ port, key, sockets = 8 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const request = (method, path, body) =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          method,
          path,
          agent,
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        },
        (res) => {
          const chunks = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
        },
      );
      req.on("error", reject);
      if (body) req.end(body);
      else req.end();
    });
  return { request, close: () => agent.destroy() };
}

const adminUrl = "postgres://postgres@127.0.0.1:5432/postgres";

/** A new empty PostgreSQL database on the local server (`prefix_PID`); `drop()` removes it. */
export async function freshPostgres(prefix) {
  const name = `${prefix}_${process.pid}`;
  const run = async (sql) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    for (const statement of sql) await c.query(statement);
    await c.end();
  };
  await run([`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`]);
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    drop: () => run([`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]),
  };
}
