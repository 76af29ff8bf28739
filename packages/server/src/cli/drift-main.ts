/**
 * A lean entry for `genchi drift …`: loads only the drift command (no server, store or
 * gateway), so the report starts in a fraction of a second. Same exit codes as main.
 */
import { CommanderError } from "commander";
import { driftCommand } from "./drift-command.js";

/**
 * Runs `genchi drift` with argv as given to the process.
 *
 * @example await driftMain(["node", "genchi", "drift", "--baseline", "a.jsonl", "--current", "b.jsonl"])
 */
export async function driftMain(argv: string[]): Promise<void> {
  const program = driftCommand()
    .name("genchi drift")
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)");
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
