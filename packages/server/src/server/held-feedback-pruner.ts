/**
 * Deletes held feedback whose call never arrived (see `feedbackHoldHours`): checked a minute
 * after start and then hourly, in the background; a failure is logged and tried next hour.
 */
import type { ServerConfig } from "../config/server-config.js";
import type { Store } from "../store/store.js";

/**
 * @example const stop = startHeldFeedbackPruner(store, config, quiet); … stop()
 */
export function startHeldFeedbackPruner(store: Store, config: ServerConfig, quiet = false): () => void {
  const holdMs = config.feedbackHoldHours * 3_600_000;
  const run = () => {
    store
      .deleteOrphanFeedbackBefore(new Date(Date.now() - holdMs))
      .then((n) => {
        if (n > 0 && !quiet)
          process.stdout.write(
            `genchi: removed ${n} feedback items whose call did not arrive within ${config.feedbackHoldHours} hours\n`,
          );
      })
      .catch((error: Error) =>
        process.stderr.write(`genchi: held feedback pruning failed: ${error.message}\n`),
      );
  };
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, 3_600_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
