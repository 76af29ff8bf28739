/** Reads a YAML config file into ServerConfig, with errors that name the file, the line and the fix. */
import { readFileSync } from "node:fs";
import { GenchiError, type ServerConfig, type ServerConfigInput, serverConfigSchema } from "@genchi/spec";
import { isMap, LineCounter, parseDocument } from "yaml";

/**
 * @example loadConfigFile("genchi.yaml") // → { port: 4242, host: "127.0.0.1", … }
 */
export function loadConfigFile(path: string): ServerConfigInput {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new GenchiError(
      "GENCHI_BAD_CONFIG",
      `cannot read config file ${path}: ${(error as Error).message}`,
    );
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const at = first.linePos?.[0];
    throw new GenchiError(
      "GENCHI_BAD_CONFIG",
      `${path}${at ? `:${at.line}:${at.col}` : ""}: invalid YAML: ${first.message.split("\n")[0]}`,
    );
  }
  const value = doc.toJS() ?? {};
  const parsed = serverConfigSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path0 = issue.path.map(String);
    let where = path;
    const node = doc.getIn(path0, true) as { range?: [number, number] } | undefined;
    const offset = node?.range?.[0] ?? (isMap(doc.contents) ? undefined : 0);
    if (offset !== undefined) where += `:${lines.linePos(offset).line}`;
    const field = path0.join(".") || "(top level)";
    throw new GenchiError("GENCHI_BAD_CONFIG", `${where}: ${field}: ${issue.message}`);
  }
  return value as ServerConfigInput;
}

/** Merges file settings under flag settings and fills defaults. */
export function resolveConfig(...layers: ServerConfigInput[]): ServerConfig {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      if (key === "upstreams" || key === "prices") {
        merged[key] = { ...(merged[key] as object | undefined), ...(value as object) };
      } else merged[key] = value;
    }
  }
  const parsed = serverConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GenchiError("GENCHI_BAD_CONFIG", `${issue.path.map(String).join(".")}: ${issue.message}`);
  }
  return parsed.data;
}
