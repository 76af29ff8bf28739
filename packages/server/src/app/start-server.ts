/**
 * Starts genchi in one process: opens the store, makes sure the default project and its
 * key exist, builds the services once (`app/build-services.ts`), serves HTTP over them, and
 * starts the background jobs built from the same services (retention, held feedback, review
 * reminders, daily drift) once, on one scheduler — none with `jobs: false`. Used by
 * `genchi serve` and by tests.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ServerConfig, ServerConfigInput } from "@genchi/spec";
import { GenchiError } from "@genchi/spec";
import type { FastifyInstance } from "fastify";
import { bootstrapRoutes } from "../features/web/bootstrap-routes.js";
import { resolveConfig } from "../platform/config/load-config.js";
import { startJobs } from "../platform/jobs/run-jobs.js";
import { displayPrefix, generateKey, hashKey, kindOfKey } from "../platform/keys/project-keys.js";
import type { Store } from "../platform/store/store.js";
import { buildApp } from "./build-app.js";
import { buildServices } from "./build-services.js";
import { openStore } from "./open-store.js";
import { serverJobs } from "./server-jobs.js";

export interface StartServerOptions extends ServerConfigInput {
  /** Ensure project `default` accepts this key (GENCHI_INIT_PROJECT_KEY). */
  initProjectKey?: string | undefined;
  /** Print nothing. */
  quiet?: boolean;
  /** `false`: HTTP only, no background jobs (`genchi serve --no-jobs`). Default true. */
  jobs?: boolean;
}

export interface RunningServer {
  url: string;
  config: ServerConfig;
  store: Store;
  app: FastifyInstance;
  /** The default project's key when genchi knows it (created now, given, or kept in the local key file). */
  defaultKey: string | null;
  close(): Promise<void>;
}

/**
 * @example const server = await startServer({ port: 0, db: "/tmp/g.db", initProjectKey: "gk_test" })
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const { initProjectKey, quiet, jobs: jobsEnabled, ...configInput } = options;
  const config = resolveConfig(configInput);
  const store = await openStore(config.db);
  try {
    const defaultKey = await ensureDefaultProject(store, config, initProjectKey);
    const services = buildServices(config, store);
    const app = await buildApp(services);
    app.register(bootstrapRoutes, { host: config.host, defaultKey });
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const host = config.host.includes(":") ? `[${config.host}]` : config.host;
    const url = `http://${host}:${port}`;
    const log = (line: string) => {
      if (!quiet) process.stdout.write(`${line}\n`);
    };
    const jobs = startJobs(await serverJobs(services), { store, log }, { enabled: jobsEnabled !== false });
    return {
      url,
      config,
      store,
      app,
      defaultKey,
      close: async () => {
        await jobs.stop();
        await app.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function ensureDefaultProject(
  store: Store,
  config: ServerConfig,
  initKey: string | undefined,
): Promise<string | null> {
  const project = await store.ensureProject("default");
  if (initKey) {
    const existing = await store.findKeyByHash(hashKey(initKey));
    if (existing && existing.projectId !== project.id) {
      throw new GenchiError("GENCHI_BAD_CONFIG", "GENCHI_INIT_PROJECT_KEY belongs to another project");
    }
    if (!existing) {
      await store.createKey({
        projectId: project.id,
        kind: kindOfKey(initKey),
        hash: hashKey(initKey),
        prefix: displayPrefix(initKey),
        name: "GENCHI_INIT_PROJECT_KEY",
      });
    }
    return initKey;
  }
  const keyFile = store.backend === "sqlite" ? join(dirname(config.db), "default-project.key") : null;
  if (keyFile && existsSync(keyFile)) {
    const saved = readFileSync(keyFile, "utf8").trim();
    if (await store.findKeyByHash(hashKey(saved))) return saved;
  }
  const keys = await store.listKeys(project.id);
  if (keys.some((k) => k.kind === "secret") && !keyFile) return null;
  const key = generateKey("secret");
  await store.createKey({
    projectId: project.id,
    kind: "secret",
    hash: hashKey(key),
    prefix: displayPrefix(key),
    name: "default",
  });
  if (keyFile) writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
  return key;
}
