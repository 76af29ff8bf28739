/**
 * Fits a gateway call to what ingest accepts (the spec's `callInSchema`), so that a call the
 * client was answered is stored rather than refused: text over its limit is cut, keeping the
 * first characters and a `…` marker (a model name over 512 characters, a role over 64); an empty
 * role becomes `unknown` (`assistant` for the output); fields of the wrong type (a numeric
 * `tool_call_id`, tool-call arguments as an object, a negative token count) become text or
 * unknown. Each change is named in a warning the call keeps. The client's traffic is untouched:
 * this runs on the logged call, after the response was sent, and sets only the call's own fields:
 * messages and parts shared with the request body are copied before a change (shadowing replays
 * that body).
 */
import { type CallIn, type CallInput, type ChatMessage, callInSchema, chatMessageSchema } from "@genchi/spec";

/** The limits, read from the schema ingest validates with. */
const shortMax = callInSchema.shape.model.unwrap().unwrap().maxLength ?? 512;
const roleMax = chatMessageSchema.shape.role.maxLength ?? 64;

/** The short text fields a gateway call fills from what the client or the upstream sent. */
const shortFields = [
  "requestedModel",
  "model",
  "provider",
  "finishReason",
  "route",
  "userId",
  "sessionId",
  "promptVersion",
] as const;

/** Warnings kept per call; the rest are counted in one more. */
const maxWarnings = 20;

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

class Warnings {
  readonly list: string[] = [];
  private extra = 0;
  add(message: string): void {
    if (this.list.length < maxWarnings) this.list.push(message);
    else this.extra++;
  }
  done(): string[] {
    if (this.extra > 0) this.list.push(`… and ${this.extra} more fields fitted to genchi's limits`);
    return this.list;
  }
}

/**
 * `text` cut to `max` characters, the last one `…` (a surrogate pair is never split).
 *
 * @example cut("abcdef", 4) // → "abc…"
 */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

function cutWarning(at: string, length: number, max: number): string {
  return `${at}: ${length} characters, over the ${max} genchi stores: kept the first ${max - 1} and "…"`;
}

/** A value for an optional string field: kept if a string, dropped if null, else its JSON text. */
function optionalText(value: unknown, at: string, w: Warnings): string | undefined {
  if (value === undefined || typeof value === "string") return value;
  if (value === null) return undefined;
  const text = typeof value === "bigint" ? String(value) : (JSON.stringify(value) ?? String(value));
  w.add(`${at}: a ${Array.isArray(value) ? "list" : typeof value}, not text: stored as ${cut(text, 40)}`);
  return text;
}

/** Sets `key` of a copy-on-write object to `value` (deleted when undefined). */
function put(target: Json, key: string, value: unknown): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

function fitRole(role: unknown, at: string, fallback: string, w: Warnings): string {
  if (typeof role === "string" && role.length > 0 && role.length <= roleMax) return role;
  if (typeof role === "string" && role.length > roleMax) {
    w.add(cutWarning(`${at}.role`, role.length, roleMax));
    return cut(role, roleMax);
  }
  w.add(
    `${at}.role: ${role === "" ? "empty" : `not text (${JSON.stringify(role) ?? typeof role})`}: stored as "${fallback}"`,
  );
  return fallback;
}

function fitPart(part: unknown, at: string, w: Warnings): unknown {
  if (!isRecord(part) || typeof part["type"] !== "string") {
    w.add(`${at}: not a content part with a type: stored as type "unknown"`);
    return isRecord(part) ? { ...part, type: "unknown" } : { type: "unknown", value: part };
  }
  const text = part["text"];
  if (text === undefined || typeof text === "string") return part;
  const fixed: Json = { ...part };
  put(fixed, "text", optionalText(text, `${at}.text`, w));
  return fixed;
}

function fitToolCall(call: unknown, at: string, w: Warnings): unknown {
  if (!isRecord(call)) {
    w.add(`${at}: not a tool call object: stored as type "unknown" with the value`);
    return { type: "unknown", value: call };
  }
  let fixed: Json | null = null;
  const own = () => {
    fixed ??= { ...call };
    return fixed;
  };
  for (const key of ["id", "type"]) {
    const v = call[key];
    if (v !== undefined && typeof v !== "string") put(own(), key, optionalText(v, `${at}.${key}`, w));
  }
  const fn = call["function"];
  if (
    fn !== undefined &&
    !(
      isRecord(fn) &&
      typeof fn["name"] === "string" &&
      (fn["arguments"] === undefined || typeof fn["arguments"] === "string")
    )
  ) {
    if (fn === null) put(own(), "function", undefined);
    else if (!isRecord(fn)) {
      w.add(`${at}.function: not an object: stored as its JSON text in arguments`);
      own()["function"] = { name: "", arguments: JSON.stringify(fn) ?? String(fn) };
    } else {
      const f: Json = { ...fn };
      const name = fn["name"];
      f["name"] = typeof name === "string" ? name : (optionalText(name, `${at}.function.name`, w) ?? "");
      put(f, "arguments", optionalText(fn["arguments"], `${at}.function.arguments`, w));
      own()["function"] = f;
    }
  }
  return fixed ?? call;
}

/** The message fitted to `chatMessageSchema`; the same object when it fits already. */
function fitMessage(m: ChatMessage, at: string, fallbackRole: string, w: Warnings): ChatMessage {
  let fixed: Json | null = null;
  const own = () => {
    fixed ??= { ...m };
    return fixed;
  };
  const role = fitRole(m.role, at, fallbackRole, w);
  if (role !== m.role) own()["role"] = role;

  const content: unknown = m.content;
  if (Array.isArray(content)) {
    let parts: unknown[] | null = null;
    content.forEach((part, i) => {
      const p = fitPart(part, `${at}.content[${i}]`, w);
      if (p !== part) {
        parts ??= [...content];
        parts[i] = p;
      }
    });
    if (parts) own()["content"] = parts;
  } else if (content !== undefined && content !== null && typeof content !== "string") {
    own()["content"] = optionalText(content, `${at}.content`, w);
  }

  for (const key of ["name", "tool_call_id"] as const) {
    const v: unknown = m[key];
    if (v !== undefined && typeof v !== "string") put(own(), key, optionalText(v, `${at}.${key}`, w));
  }

  const tools: unknown = m.tool_calls;
  if (tools === null) put(own(), "tool_calls", undefined);
  else if (tools !== undefined && !Array.isArray(tools)) {
    w.add(`${at}.tool_calls: not a list: stored as a list of one`);
    own()["tool_calls"] = [fitToolCall(tools, `${at}.tool_calls[0]`, w)];
  } else if (Array.isArray(tools)) {
    let list: unknown[] | null = null;
    tools.forEach((t, i) => {
      const fitted = fitToolCall(t, `${at}.tool_calls[${i}]`, w);
      if (fitted !== t) {
        list ??= [...tools];
        list[i] = fitted;
      }
    });
    if (list) own()["tool_calls"] = list;
  }
  return (fixed ?? m) as ChatMessage;
}

function fitInput(input: CallInput, w: Warnings): CallInput {
  if (!Array.isArray(input)) return input;
  let list: ChatMessage[] | null = null;
  input.forEach((m, i) => {
    const fitted = fitMessage(m, `input[${i}]`, "unknown", w);
    if (fitted !== m) {
      list ??= [...input];
      list[i] = fitted;
    }
  });
  return list ?? input;
}

/**
 * Fits `call` (built by the gateway, so its own object) to ingest's limits in place and
 * returns what was changed, one warning a field (empty when nothing was).
 *
 * @example fitCallLimits(call) // → ['requestedModel: 600 characters, over the 512 genchi stores: …']
 */
export function fitCallLimits(call: CallIn): string[] {
  const w = new Warnings();
  for (const field of shortFields) {
    const v = call[field];
    if (typeof v === "string" && v.length > shortMax) {
      w.add(cutWarning(field, v.length, shortMax));
      call[field] = cut(v, shortMax);
    }
  }
  call.input = fitInput(call.input, w);
  if (isRecord(call.output)) call.output = fitMessage(call.output as ChatMessage, "output", "assistant", w);
  if (call.usage) {
    let usage = call.usage;
    for (const key of ["inputTokens", "outputTokens", "cachedInputTokens"] as const) {
      const n = usage[key];
      if (typeof n === "number" && !(Number.isInteger(n) && n >= 0)) {
        w.add(`usage.${key}: ${n} is not a token count: stored as unknown`);
        usage = { ...usage, [key]: null };
      }
    }
    call.usage = usage;
  }
  return w.done();
}
