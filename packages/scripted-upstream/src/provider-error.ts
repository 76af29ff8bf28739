/**
 * Errors in each provider's real shape: OpenAI `{error:{message,type,param,code}}`,
 * Anthropic `{type:"error",error:{type,message}}`; `retry-after` on 429.
 */
import type { Dialect } from "./chat-endpoint.js";
import { fixtureJson } from "./fixtures.js";

type Json = Record<string, unknown>;

export interface ErrorSpec {
  status: number;
  message?: string;
  errorType?: string;
  code?: string | null;
  param?: string | null;
  retryAfter?: number;
}

export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: Json;
}

function recorded(dialect: Dialect, status: number): Json {
  const all = fixtureJson<Record<string, Json>>(`${dialect}-errors.json`);
  return all[String(status)] ?? all[status >= 500 ? "500" : "400"]!;
}

/**
 * The error a provider would send for a status.
 *
 * @example providerError("openai", { status: 429 }).body.error // → { message: "Rate limit reached…", type: "requests", … }
 */
export function providerError(dialect: Dialect, spec: ErrorSpec): ErrorResponse {
  const headers: Record<string, string> = {};
  if (spec.retryAfter !== undefined || spec.status === 429)
    headers["retry-after"] = String(spec.retryAfter ?? 1);
  const template = recorded(dialect, spec.status);
  const error = template["error"] as Json;
  if (dialect === "anthropic") {
    return {
      status: spec.status,
      headers,
      body: {
        ...template,
        error: { type: spec.errorType ?? error["type"], message: spec.message ?? error["message"] },
      },
    };
  }
  return {
    status: spec.status,
    headers,
    body: {
      error: {
        message: spec.message ?? error["message"],
        type: spec.errorType ?? error["type"],
        param: spec.param !== undefined ? spec.param : error["param"],
        code: spec.code !== undefined ? spec.code : error["code"],
      },
    },
  };
}
