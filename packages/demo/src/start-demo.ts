/**
 * `genchi serve --demo`: when project `default` has no calls yet, fill it with the demo in
 * the background once the server listens. A server with data is left untouched.
 */
import { runDemo } from "./run-demo.js";

/**
 * What the server hands the demo when it starts it (`serve --demo`): the demo talks to the
 * server over HTTP only, so it needs the URL and a key, and whether there is data already.
 */
export interface DemoHost {
  /** Base URL the server listens on. */
  url: string;
  /** How many calls project `default` holds (the project is created if missing). */
  countDefaultCalls(): Promise<number>;
  /** A secret key of project `default`: the one the server printed, or a new one named `demo`. */
  defaultSecretKey(): Promise<string>;
}

export interface StartDemoOptions {
  calls?: number;
  seed?: number;
  log?: (line: string) => void;
}

/**
 * Resolves once the demo is decided: `null` when the project already had calls, else the
 * promise of the running demo (which logs and never rejects).
 *
 * @example const running = await startDemo(host); await running
 */
export async function startDemo(
  host: DemoHost,
  options: StartDemoOptions = {},
): Promise<Promise<void> | null> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  if ((await host.countDefaultCalls()) > 0) {
    log("demo: project 'default' already has calls; not loading the demo");
    return null;
  }
  const key = await host.defaultSecretKey();
  const url = host.url.replace("://0.0.0.0:", "://127.0.0.1:").replace("://[::]:", "://[::1]:");
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
