/** The `genchi` command line: one subcommand per file, wired here. */
import { GenchiError } from "@genchi/spec";
import { Command, CommanderError } from "commander";
import { datasetCommand } from "./dataset-command.js";
import { driftCommand } from "./drift-command.js";
import { evalCommand } from "./eval-command.js";
import { keysCommand } from "./keys-command.js";
import { modelsCommand } from "./models-command.js";
import { serveCommand } from "./serve-command.js";
import { shadowCommand } from "./shadow-command.js";

/** Exit codes: 0 ok, 1 a gate failed, 2 bad config or usage. */
export const exitCodes = { ok: 0, gateFailed: 1, usage: 2 } as const;

export function buildProgram(): Command {
  const program = new Command("genchi")
    .description("genchi — log every LLM call, look at real samples, turn them into evals")
    .version("0.1.0")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  program.addCommand(serveCommand());
  program.addCommand(keysCommand());
  program.addCommand(modelsCommand());
  program.addCommand(shadowCommand());
  program.addCommand(evalCommand());
  program.addCommand(driftCommand());
  program.addCommand(datasetCommand());
  return program;
}

/**
 * Runs the CLI. Errors become one clear line on stderr and exit code 2.
 *
 * @example await main(["node", "genchi", "serve", "--port", "4242"])
 */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : exitCodes.usage;
      return;
    }
    const message = error instanceof GenchiError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`genchi: ${message}\n`);
    process.exitCode = exitCodes.usage;
  }
}
