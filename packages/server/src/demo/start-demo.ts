/**
 * `genchi serve --demo`: when project `default` has no calls yet, fill it with the demo in
 * the background once the server listens. A server with data is left untouched.
 */
import type { RunningServer } from "../server/start-server.js";
import { displayPrefix, generateKey, hashKey } from "../services/project-keys.js";
import { runDemo } from "./run-demo.js";

export interface StartDemoOptions {
  calls?: number;
  seed?: number;
  log?: (line: string) => void;
}

/**
 * Resolves once the demo is decided: `null` when the project already had calls, else the
 * promise of the running demo (which logs and never rejects).
 *
 * @example const running = await startDemo(server); await running
 */
export async function startDemo(
  server: RunningServer,
  options: StartDemoOptions = {},
): Promise<Promise<void> | null> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const project = await server.store.ensureProject("default");
  if ((await server.store.countCalls(project.id)) > 0) {
    log("demo: project 'default' already has calls; not loading the demo");
    return null;
  }
  let key = server.defaultKey;
  if (!key) {
    key = generateKey("secret");
    await server.store.createKey({
      projectId: project.id,
      kind: "secret",
      hash: hashKey(key),
      prefix: displayPrefix(key),
      name: "demo",
    });
  }
  const url = server.url.replace("://0.0.0.0:", "://127.0.0.1:").replace("://[::]:", "://[::1]:");
  log(`demo: loading the e-commerce assistant demo into project 'default'`);
  return runDemo({
    url,
    key,
    seed: options.seed ?? 42,
    calls: options.calls ?? 50_000,
    nowMs: Date.now(),
    log,
  }).catch((error: Error) => log(`demo: stopped: ${error.message}`));
}
