/**
 * The eval command as one bundle (dist/bin/eval-main.js, plus chunks for what it loads only
 * when asked: compare, stored runs, the progress bar). A CI run of a small suite spends most
 * of its start resolving and loading ~120 small modules (yaml alone is 52); one file cuts its
 * CPU by ~40% (bench/cli/start.js). The library entries (dist/index.js, dist/cli/*) stay
 * unbundled. nunjucks and ajv stay outside: they load through createRequire only when a
 * suite uses templates or JSON-schema assertions.
 */
import { defineConfig } from "rolldown";

export default defineConfig({
  input: { "eval-main": "dist/cli/eval-main.js" },
  platform: "node",
  external: ["nunjucks", "ajv"],
  output: { dir: "dist/bin", format: "esm", cleanDir: true, chunkFileNames: "[name].js" },
});
