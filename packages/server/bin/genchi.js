#!/usr/bin/env node
// The `genchi` command: runs the compiled CLI from ../dist; app/main.js loads only the
// command asked for (`genchi --help` loads no server, database driver or embedder).
//
// A reader that goes away (`genchi models | head -1`) is no error, for every command: output
// stops, the command finishes its work and exits with its own code (0 unless a gate failed).
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
  });
}

const { main } = await import("../dist/app/main.js");
main(process.argv).catch((error) => {
  process.stderr.write(`genchi: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
