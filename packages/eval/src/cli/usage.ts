/**
 * Usage errors, the same for every command: one line naming the command and what is wrong,
 * then the command's usage line, on stderr, exit code 2, before any work. Flag values are
 * checked while parsing (the parsers below), so a bad value is a usage error too.
 */
import { type Command, InvalidArgumentError } from "commander";

/** The full name of a command: `genchi keys create`. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

/**
 * Makes a command tree report bad usage as `genchi keys create: <what is wrong>` plus
 * `Usage: genchi keys create [options]`, and throw (CommanderError) instead of exiting.
 *
 * @example await withUsageErrors(program).parseAsync(process.argv)
 */
export function withUsageErrors(command: Command): Command {
  command
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({
      outputError: (message, write) => {
        // One line: commander's "(Did you mean --port?)" joins the error instead of following it.
        const text = message
          .replace(/^error: /, "")
          .trim()
          .replace(/\s*\n\s*/g, " ");
        write(`${commandPath(command)}: ${text}\n`);
        write(`Usage: ${command.createHelp().commandUsage(command)}\n`);
      },
    });
  for (const sub of command.commands) withUsageErrors(sub);
  return command;
}

/**
 * An option parser for whole numbers in [min, max].
 *
 * @example .option("--port <port>", "port to listen on", wholeNumber(0, 65_535))
 */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER
          ? `Expected a whole number ≥ ${min}.`
          : `Expected a whole number from ${min} to ${max}.`,
      );
    return n;
  };
}

/**
 * An option parser for numbers in [min, max] (fractions allowed).
 *
 * @example .option("--similarity <0..1>", "threshold", numberIn(0, 1), 0.9)
 */
export function numberIn(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n < min || n > max)
      throw new InvalidArgumentError(`Expected a number from ${min} to ${max}.`);
    return n;
  };
}

/**
 * An option parser for numbers ≥ min (fractions allowed, no upper bound).
 *
 * @example .option("--threshold <points>", "drop allowed", atLeast(0), 0)
 */
export function atLeast(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n < min)
      throw new InvalidArgumentError(`Expected a number ≥ ${min}.`);
    return n;
  };
}

/**
 * `--url`'s parser: an http(s) URL, kept without its trailing slash.
 *
 * @example .addOption(new Option("--url <url>", "a running genchi").env("GENCHI_URL").argParser(httpUrl))
 */
export function httpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new InvalidArgumentError("Expected an http:// or https:// URL, e.g. http://127.0.0.1:4242.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new InvalidArgumentError("Expected an http:// or https:// URL, e.g. http://127.0.0.1:4242.");
  return value.trim().replace(/\/+$/, "");
}
