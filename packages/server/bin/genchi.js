#!/usr/bin/env node
// The `genchi` command: runs the compiled CLI from ../dist.
import { main } from "../dist/cli/main.js";

main(process.argv).catch((error) => {
  process.stderr.write(`genchi: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
