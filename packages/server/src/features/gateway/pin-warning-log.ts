/**
 * The log line for pin policy `warn`: each request it lets pass gets the `x-genchi-pin-warning`
 * header, and the server log says so once an hour per project and warning, not once per request.
 */

/**
 * @example const warn = pinWarningLog((line) => process.stderr.write(`${line}\n`)); warn("1", "gpt-4o is a floating alias…")
 */
export function pinWarningLog(
  log: (line: string) => void,
  everyMs = 3_600_000,
  now: () => number = Date.now,
): (projectId: string, warning: string) => void {
  const last = new Map<string, number>();
  return (projectId, warning) => {
    const key = `${projectId}\u0000${warning}`;
    const t = now();
    const before = last.get(key);
    if (before !== undefined && t - before < everyMs) return;
    if (last.size > 10_000) last.clear();
    last.set(key, t);
    log(`pin policy warn (project ${projectId}): ${warning}; see the Models page for the count`);
  };
}
