/**
 * A lean entry for `genchi eval …`: loads only the eval command (no server, store or
 * tokenizer), so a small suite starts in a fraction of a second. Same exit codes as main.
 */
import { CommanderError } from "commander";
import { evalCommand } from "./eval-command.js";

/**
 * Runs `genchi eval` with argv as given to the process.
 *
 * @example await evalMain(["node", "genchi", "eval", "suite.yaml"])
 */
export async function evalMain(argv: string[]): Promise<void> {
  const program = evalCommand()
    .name("genchi eval")
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)");
  for (const sub of program.commands) sub.exitOverride();
  try {
    await program.parseAsync(argv.slice(3), { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`genchi: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
