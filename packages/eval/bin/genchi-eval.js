#!/usr/bin/env node
// `genchi-eval <config> | compare A B`: the same command as `genchi eval`, from the eval
// package alone (no server, database drivers or embedding model), for CI jobs.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
  });
}

const { evalMain } = await import("../dist/bin/eval-main.js");
evalMain(process.argv.slice(2), "genchi-eval").catch((error) => {
  process.stderr.write(`genchi-eval: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
