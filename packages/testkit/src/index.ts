/**
 * @genchi/testkit — what genchi's tests stand on, imported by name instead of by relative path:
 * throwaway PostgreSQL databases and SQLite files, the two store backends for contract tests,
 * Debian's Chromium for browser tests, and one way to spawn a CLI.
 */
export { chromiumArgs, chromiumPath, launchBrowser } from "./browser.js";
export { createTempSqlitePath, createTestDatabase } from "./databases.js";
export { type CliResult, envWithoutNpm, type RunCliOptions, runCli } from "./run-cli.js";
export { type StoreTarget, storeBackends } from "./store-backends.js";
