/**
 * The lean entry of an eval run, shared by `genchi eval …` (the server's CLI) and
 * `genchi-eval …` (this package's own binary): loads only the eval command (no server, store
 * or tokenizer), so a small suite starts in a fraction of a second. Exit codes: 0 ok, 1 a gate
 * failed, 2 bad usage or config; bad usage is one line and the usage line, as for every command.
 */
import { setFlagsFromString } from "node:v8";
import { CommanderError } from "commander";
import { evalCommand } from "./eval-command.js";
import { withUsageErrors } from "./usage.js";

/**
 * V8 optimises a function after ~66 KB of its bytecode ran (its interrupt budget); reading a
 * 500-test YAML config then sends ~90 functions of the YAML parser to TurboFan, which cost
 * more CPU (~110 ms) than the parse itself. A 15× budget optimises only what stays hot:
 * measured on the bench, 30% less CPU for the 500-test suite, none lost on 100,000 tests.
 */
const interruptBudget = "--interrupt-budget=1000000";

/**
 * Runs the eval command on the user's arguments (what follows `genchi eval`), named `name`
 * in usage and help lines.
 *
 * @example await evalMain(["suite.yaml", "--repeat", "5"], "genchi eval")
 */
export async function evalMain(args: string[], name = "genchi eval"): Promise<void> {
  setFlagsFromString(interruptBudget);
  const program = withUsageErrors(evalCommand().name(name));
  try {
    await program.parseAsync(args, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
