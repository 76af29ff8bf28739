#!/usr/bin/env node
// The `genchi` command: runs the compiled CLI from ../dist.
// `genchi eval` takes a lean entry that does not load the server (fast start for small suites).
// `genchi drift` likewise (descriptors and embeddings only).
const { main } =
  process.argv[2] === "eval"
    ? await import("../dist/cli/eval-main.js").then((m) => ({ main: m.evalMain }))
    : process.argv[2] === "drift"
      ? await import("../dist/cli/drift-main.js").then((m) => ({ main: m.driftMain }))
      : await import("../dist/cli/main.js");

main(process.argv).catch((error) => {
  process.stderr.write(`genchi: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
