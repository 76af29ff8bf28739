/**
 * Eval providers over HTTP: OpenAI-compatible chat, Anthropic messages, and genchi's own
 * gateway. A provider is `{ id, complete(prompt) }`; vendor details stay inside each builder.
 */
import { computeCost } from "@genchi/core/eval";
import { GenchiError } from "@genchi/spec/errors";
import type { ProviderSpec } from "./eval-suite.js";
import type { HttpClient, RequestOptions } from "./http-client.js";

export interface Completion {
  output: string;
  latencyMs: number;
  costUsd: number | null;
  cached: boolean;
}

export interface EvalProvider {
  id: string;
  label: string;
  /** `{ cache: false }`: ask upstream even when the cache holds the answer (repeats). */
  complete(prompt: string, options?: RequestOptions): Promise<Completion>;
}

type Rec = Record<string, unknown>;

/** A rendered prompt as chat messages: a JSON list of `{role, content}` is used as is. */
function messagesOf(prompt: string): { role: string; content: string }[] {
  const t = prompt.trimStart();
  if (t.startsWith("[")) {
    try {
      const v = JSON.parse(t) as unknown;
      if (Array.isArray(v) && v.every((m) => typeof m === "object" && m !== null && "role" in m))
        return v as { role: string; content: string }[];
    } catch {
      // plain text that happens to start with "["
    }
  }
  return [{ role: "user", content: prompt }];
}

const trimSlash = (s: string) => s.replace(/\/+$/, "");

/** Base URL (with `/v1`) of an OpenAI-compatible provider. */
export function openAiBaseUrl(spec: ProviderSpec, env: NodeJS.ProcessEnv = process.env): string {
  const base =
    spec.config.apiBaseUrl ??
    env["OPENAI_BASE_URL"] ??
    env["OPENAI_API_BASE_URL"] ??
    "https://api.openai.com/v1";
  return trimSlash(base);
}

/**
 * Builds the provider for a spec.
 *
 * @example createProvider({ id: "openai:chat:gpt-4o-mini", label: "mini", config: { apiBaseUrl: url } }, http)
 */
export function createProvider(
  spec: ProviderSpec,
  http: HttpClient,
  env: NodeJS.ProcessEnv = process.env,
): EvalProvider {
  const [vendor, ...rest] = spec.id.split(":");
  const model =
    vendor === "genchi" ? rest.join(":") : rest.length > 1 ? rest.slice(1).join(":") : (rest[0] ?? "");
  const { apiBaseUrl: _b, apiKey, ...params } = spec.config;
  if (vendor === "anthropic") {
    const base = trimSlash(
      spec.config.apiBaseUrl ?? env["ANTHROPIC_BASE_URL"] ?? "https://api.anthropic.com",
    );
    const key = apiKey ?? env["ANTHROPIC_API_KEY"] ?? "";
    return {
      id: spec.id,
      label: spec.label,
      async complete(prompt, options) {
        const messages = messagesOf(prompt);
        const system = messages
          .filter((m) => m.role === "system")
          .map((m) => m.content)
          .join("\n");
        const body: Rec = {
          model,
          max_tokens: params.max_tokens ?? 1024,
          messages: messages.filter((m) => m.role !== "system"),
          ...(system ? { system } : {}),
          ...(params.temperature !== undefined ? { temperature: params.temperature } : {}),
        };
        const r = await http.postJson(
          `${base}/v1/messages`,
          body,
          { "x-api-key": key, "anthropic-version": "2023-06-01" },
          options,
        );
        const content = (r.body["content"] as Rec[] | undefined) ?? [];
        const output = content
          .filter((c) => c["type"] === "text")
          .map((c) => String(c["text"]))
          .join("");
        const usage = (r.body["usage"] ?? {}) as Rec;
        const costUsd = computeCost(model, {
          inputTokens: Number(usage["input_tokens"] ?? 0),
          outputTokens: Number(usage["output_tokens"] ?? 0),
        });
        return { output, latencyMs: r.latencyMs, costUsd, cached: r.cached };
      },
    };
  }
  const gateway = vendor === "genchi";
  const base = gateway
    ? `${trimSlash(spec.config.apiBaseUrl ?? env["GENCHI_URL"] ?? "http://127.0.0.1:4242")}/v1`
    : openAiBaseUrl(spec, env);
  const key = apiKey ?? env["OPENAI_API_KEY"] ?? "";
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (gateway) {
    headers["x-genchi-key"] = env["GENCHI_KEY"] ?? "";
    headers["x-genchi-route"] = "eval";
  }
  if (vendor !== "openai" && !gateway)
    throw new GenchiError("GENCHI_BAD_CONFIG", `unknown provider ${spec.id}`);
  return {
    id: spec.id,
    label: spec.label,
    async complete(prompt, options) {
      const r = await http.postJson(
        `${base}/chat/completions`,
        { model, messages: messagesOf(prompt), ...params },
        headers,
        options,
      );
      const choice = ((r.body["choices"] as Rec[] | undefined) ?? [])[0] ?? {};
      const message = (choice["message"] ?? {}) as Rec;
      const output =
        typeof message["content"] === "string"
          ? message["content"]
          : JSON.stringify(message["tool_calls"] ?? "");
      const usage = (r.body["usage"] ?? {}) as Rec;
      const costUsd = computeCost(model, {
        inputTokens: Number(usage["prompt_tokens"] ?? 0),
        outputTokens: Number(usage["completion_tokens"] ?? 0),
      });
      return { output, latencyMs: r.latencyMs, costUsd, cached: r.cached };
    },
  };
}

/**
 * Embeds texts through an OpenAI-compatible `/v1/embeddings`.
 *
 * @example await embed(http, "http://127.0.0.1:4000/v1", "text-embedding-3-small", ["a", "b"])
 */
export async function embed(
  http: HttpClient,
  baseUrl: string,
  model: string,
  texts: string[],
  apiKey = "",
): Promise<number[][]> {
  const r = await http.postJson(
    `${trimSlash(baseUrl)}/embeddings`,
    { model, input: texts },
    { authorization: `Bearer ${apiKey}` },
  );
  const data = (r.body["data"] as Rec[] | undefined) ?? [];
  return data.map((d) => d["embedding"] as number[]);
}
