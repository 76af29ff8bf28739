/**
 * Picks the upstream of a gateway request: `provider/model` names one, else the default
 * (`anthropic` for `/v1/messages` when configured, `openai` otherwise). Built-in base URLs
 * for `openai` and `anthropic` apply unless the config overrides them.
 */
import { GenchiError } from "@genchi/spec";

export interface UpstreamSetting {
  baseUrl: string;
  apiKeyEnv?: string | undefined;
}

export interface ResolvedUpstream {
  name: string;
  url: URL;
  /** The base URL's port, or the protocol's default. */
  port: number;
  /** The base URL's path without a trailing `/v1` (requests carry their own `/v1/...`). */
  basePath: string;
  /** From `apiKeyEnv`; null → the client's own credentials go upstream untouched. */
  apiKey: string | null;
  /** The model with the `provider/` prefix removed (unchanged when there was none). */
  model: string | null;
}

const builtIn: Readonly<Record<string, UpstreamSetting>> = {
  openai: { baseUrl: "https://api.openai.com/v1" },
  anthropic: { baseUrl: "https://api.anthropic.com/v1" },
};

const parsed = new Map<string, { url: URL; port: number; basePath: string }>();

/** A base URL parsed once (the gateway resolves an upstream on every request). */
function parsedBase(baseUrl: string): { url: URL; port: number; basePath: string } {
  let hit = parsed.get(baseUrl);
  if (!hit) {
    const url = new URL(baseUrl);
    hit = {
      url,
      port: url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80,
      basePath: url.pathname.replace(/\/+$/, "").replace(/\/v1$/, ""),
    };
    if (parsed.size > 1_000) parsed.clear();
    parsed.set(baseUrl, hit);
  }
  return hit;
}

/**
 * @example resolveUpstream({ local: { baseUrl: "http://127.0.0.1:9000" } }, "/v1/chat/completions", "local/gpt-4o")
 * // → { name: "local", model: "gpt-4o", … }
 */
export function resolveUpstream(
  configured: Readonly<Record<string, UpstreamSetting>>,
  path: string,
  model: string | null,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedUpstream {
  const settingOf = (n: string): UpstreamSetting | undefined =>
    Object.hasOwn(configured, n) ? configured[n] : Object.hasOwn(builtIn, n) ? builtIn[n] : undefined;
  let name = path.startsWith("/v1/messages") && configured["anthropic"] ? "anthropic" : "openai";
  let bare = model;
  if (model) {
    const slash = model.indexOf("/");
    if (slash > 0 && settingOf(model.slice(0, slash))) {
      name = model.slice(0, slash);
      bare = model.slice(slash + 1);
    }
  }
  const setting = settingOf(name);
  if (!setting) {
    throw new GenchiError(
      "GENCHI_BAD_CONFIG",
      `no upstream named '${name}': start genchi with --upstream ${name}=BASE_URL or add it under upstreams in the config`,
    );
  }
  const { url, port, basePath } = parsedBase(setting.baseUrl);
  const apiKey = setting.apiKeyEnv ? (env[setting.apiKeyEnv] ?? null) : null;
  return { name, url, port, basePath, apiKey: apiKey && apiKey.length > 0 ? apiKey : null, model: bare };
}
