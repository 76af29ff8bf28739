/**
 * The providers an eval config may name (`openai:…`, `anthropic:…`, `genchi:…`), as data: which
 * dialect each speaks, where it lives, how it authenticates and how its id names the model.
 * Adding a provider is adding a row; the code that uses them never asks which one it has.
 */
import { anthropicMessages, type Dialect, openaiChat } from "@genchi/core/dialects";
import type { ProviderSpec } from "./eval-suite.js";

type Env = NodeJS.ProcessEnv;

export interface ProviderKind {
  dialect: Dialect;
  /** Base URL including `/v1`. */
  baseUrl(spec: ProviderSpec, env: Env): string;
  headers(spec: ProviderSpec, env: Env): Record<string, string>;
  /** The model id from the parts of the provider id after the vendor. */
  modelOf(rest: string[]): string;
}

const trimSlash = (s: string) => s.replace(/\/+$/, "");

/** `openai:chat:gpt-4o-mini` and `openai:gpt-4o-mini` both name `gpt-4o-mini`. */
const afterKind = (rest: string[]) => (rest.length > 1 ? rest.slice(1).join(":") : (rest[0] ?? ""));

/** Base URL (with `/v1`) of an OpenAI-compatible provider. */
export function openAiBaseUrl(spec: ProviderSpec, env: Env = process.env): string {
  const base =
    spec.config.apiBaseUrl ??
    env["OPENAI_BASE_URL"] ??
    env["OPENAI_API_BASE_URL"] ??
    "https://api.openai.com/v1";
  return trimSlash(base);
}

const bearer = (spec: ProviderSpec, env: Env) => ({
  authorization: `Bearer ${spec.config.apiKey ?? env["OPENAI_API_KEY"] ?? ""}`,
});

export const providerKinds: Readonly<Record<string, ProviderKind>> = {
  openai: { dialect: openaiChat, baseUrl: openAiBaseUrl, headers: bearer, modelOf: afterKind },
  anthropic: {
    dialect: anthropicMessages,
    baseUrl: (spec, env) =>
      `${trimSlash(spec.config.apiBaseUrl ?? env["ANTHROPIC_BASE_URL"] ?? "https://api.anthropic.com")}/v1`,
    headers: (spec, env) => ({
      "x-api-key": spec.config.apiKey ?? env["ANTHROPIC_API_KEY"] ?? "",
      "anthropic-version": "2023-06-01",
    }),
    modelOf: afterKind,
  },
  /** genchi's own gateway: OpenAI chat, logged under route `eval`. */
  genchi: {
    dialect: openaiChat,
    baseUrl: (spec, env) =>
      `${trimSlash(spec.config.apiBaseUrl ?? env["GENCHI_URL"] ?? "http://127.0.0.1:4242")}/v1`,
    headers: (spec, env) => ({
      ...bearer(spec, env),
      "x-genchi-key": env["GENCHI_KEY"] ?? "",
      "x-genchi-route": "eval",
    }),
    modelOf: (rest) => rest.join(":"),
  },
};
