/**
 * The `genchi` command line: `serve`, and each feature's subcommands (their `feature.ts`
 * descriptors), each loaded only when it runs, so `genchi --help` (or a typo) reads this table, not the server, the database drivers
 * or the embedding model. Bad usage of any command: one line and its usage line, exit 2.
 */

import { withUsageErrors } from "@genchi/eval/usage";
import { Command, CommanderError, Help } from "commander";
import { features } from "../features/index.js";
import type { CommandHost } from "../platform/cli/command-host.js";

/** Exit codes: 0 ok, 1 a gate failed, 2 bad config or usage. */
export const exitCodes = { ok: 0, gateFailed: 1, usage: 2 } as const;

interface CommandEntry {
  /** How `genchi --help` lists it. */
  term: string;
  summary: string;
  load: () => Promise<Command>;
}

/** What feature commands are given: the store with every feature's part, opened only when asked. */
const host: CommandHost = {
  openStore: async (db) => (await import("./open-store.js")).openStore(db),
};

/** Every command, in the order `genchi --help` lists them: `serve`, then each feature's, in list order. */
const commands: Record<string, CommandEntry> = {
  serve: {
    term: "serve [options]",
    summary: "start genchi: REST API, ingest, OTLP, gateway and web UI on one port",
    load: async () => (await import("./serve-command.js")).serveCommand(),
  },
  ...Object.fromEntries(
    features.flatMap((feature) =>
      (feature.commands ?? []).map((c) => [
        c.name,
        { term: c.term, summary: c.summary, load: () => c.load(host) },
      ]),
    ),
  ),
};

/**
 * The program with the command `name` loaded (others are listed, not loaded).
 *
 * @example (await buildProgram("keys")).parseAsync(["node", "genchi", "keys", "list", "--project", "p"])
 */
export async function buildProgram(name?: string): Promise<Command> {
  const program = new Command("genchi")
    .description("genchi — log every LLM call, look at real samples, turn them into evals")
    .version("0.1.0")
    .configureHelp({
      subcommandTerm: (c) => commands[c.name()]?.term ?? new Help().subcommandTerm(c),
    });
  for (const [commandName, entry] of Object.entries(commands)) {
    const command = commandName === name ? await entry.load() : new Command(commandName);
    program.addCommand(command.summary(entry.summary));
  }
  return withUsageErrors(program);
}

/**
 * Runs the CLI; sets process.exitCode (0 ok, 1 a gate failed, 2 bad usage or input). Errors
 * become one clear line on stderr.
 *
 * @example await main(["node", "genchi", "serve", "--port", "4242"])
 */
export async function main(argv: string[]): Promise<void> {
  const asked = argv[2] === "help" ? argv[3] : argv[2];
  if (asked === "eval") {
    // eval has its own lean entry in @genchi/eval (V8 flags tuned for large suites), the
    // same one its `genchi-eval` binary runs.
    const { evalMain } = await import("@genchi/eval/main");
    return evalMain(argv[2] === "help" ? ["--help"] : argv.slice(3), "genchi eval");
  }
  const program = await buildProgram(
    asked !== undefined && Object.hasOwn(commands, asked) ? asked : undefined,
  );
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
      return;
    }
    process.stderr.write(`genchi: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = exitCodes.usage;
  }
}
