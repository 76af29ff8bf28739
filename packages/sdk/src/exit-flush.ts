/**
 * Flush on process exit, for every live client through one shared pair of listeners:
 * `beforeExit` (the event loop ran dry) and SIGTERM. The SIGTERM listener never calls
 * `process.exit`: after flushing, if it was the only SIGTERM listener it re-raises the
 * signal so the default termination still happens; otherwise the app's own handler decides.
 */

export interface ExitFlushable {
  /** Flushes, giving up after `timeoutMs`; resolves true when everything was delivered. */
  flushForExit(): Promise<boolean>;
}

const clients = new Set<ExitFlushable>();
let installed = false;
let flushing: Promise<unknown> | undefined;

function flushAll(): Promise<unknown> {
  flushing ??= Promise.all([...clients].map((c) => c.flushForExit())).finally(() => {
    flushing = undefined;
  });
  return flushing;
}

function onBeforeExit(): void {
  void flushAll();
}

function onSigterm(): void {
  void flushAll().then(() => {
    if (process.listenerCount("SIGTERM") === 1) {
      uninstall();
      process.kill(process.pid, "SIGTERM");
    }
  });
}

function install(): void {
  if (installed || typeof process === "undefined" || typeof process.on !== "function") return;
  process.on("beforeExit", onBeforeExit);
  process.on("SIGTERM", onSigterm);
  installed = true;
}

function uninstall(): void {
  if (!installed) return;
  process.off("beforeExit", onBeforeExit);
  process.off("SIGTERM", onSigterm);
  installed = false;
}

/** Flush this client when the process exits. @example registerExitFlush(client) */
export function registerExitFlush(client: ExitFlushable): void {
  clients.add(client);
  install();
}

/** Stop flushing this client on exit (after `shutdown()`). */
export function unregisterExitFlush(client: ExitFlushable): void {
  clients.delete(client);
  if (clients.size === 0) uninstall();
}
