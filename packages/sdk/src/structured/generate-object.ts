/**
 * `generateObject`: asks an OpenAI-compatible model for JSON that matches a schema, repairs
 * what `jsonrepair` can, and re-asks with the previous output and the validation errors
 * (Instructor's loop) until the output validates or the retries run out. Transient transport
 * failures (429, 5xx, a dropped connection) are retried with back-off apart from those re-asks.
 * Every try is logged to genchi with the route and `metadata.structured` ({attempt,
 * transportRetry, mode, valid, final, outcome}); the final one is tagged `genchi:structured`,
 * which the adherence metric reads.
 */
import { type CallIn, structuredFinalTag } from "@genchi/spec";
import { type CallContext, currentCallContext, mergeCallContext } from "../call-context.js";
import type { Genchi } from "../genchi.js";
import { type LoggedCall, PendingOpenAICall } from "../pending-openai-call.js";
import { uuidv7 } from "../uuid-v7.js";
import { defaultGenchi } from "../wrap-openai.js";
import { type ChatTransportOptions, chatTransport } from "./chat-transport.js";
import { GenerateObjectError } from "./generate-object-error.js";
import type { ObjectAttempt } from "./object-attempt.js";
import { type JsonSchema, objectSchema, type ZodLike } from "./object-schema.js";
import { parseModelJson } from "./parse-model-json.js";
import { capabilitiesOf, type StructuredCapabilities, structuredProvider } from "./provider-capabilities.js";
import { type LoggedTry, sendAttempt, type TransportRetry } from "./send-attempt.js";
import { strictSchema } from "./strict-schema.js";
import { modeOutput, modeRequest, type StructuredMode } from "./structured-mode.js";

export type { TransportRetry } from "./send-attempt.js";

/** How a generation ended, on its final attempt's `metadata.structured.outcome`. */
export type AdherenceOutcome = "first_try" | "after_retries" | "failed" | "error";

export interface GenerateObjectOptions<T> extends ChatTransportOptions, Omit<CallContext, "metadata"> {
  /** A zod schema (the result is typed by it) or a JSON Schema. */
  schema: ZodLike<T> | JsonSchema;
  /** Chat messages, OpenAI shape. */
  messages: Array<{ role: string; content?: unknown; [key: string]: unknown }>;
  model: string;
  /** Default `"json_schema"`. */
  mode?: StructuredMode;
  /**
   * In `json_schema` mode, ask for strict structured outputs (`strict: true`, the schema made
   * strict: every property required, optional ones nullable) where the provider supports it.
   * A schema strict mode cannot express is sent with `strict: false` and a note. Default true.
   */
  strict?: boolean;
  /**
   * The provider behind the endpoint, for its capabilities (`structuredCapabilities`) and the
   * logged calls. Default: the `provider/` prefix of `model`, else `"openai"`.
   */
  provider?: string;
  /** Re-asks after the first try. Default 2 (three attempts at most). */
  maxRetries?: number;
  /**
   * Retries of one model request after a transient failure (429, 500, 502, 503, 504, a
   * connection error), apart from `maxRetries`. Default 2. Other errors fail at once.
   */
  maxTransportRetries?: number;
  /** First back-off before a transport retry; it doubles each time, with jitter. Default 500 ms. */
  transportRetryBaseMs?: number;
  /** Longest wait before a transport retry, `retry-after` included. Default 20 000 ms. */
  transportRetryMaxMs?: number;
  /** Told about each transport retry before its wait. */
  onTransportRetry?: (retry: TransportRetry) => void;
  /** The schema's name, sent to the model (tool / json_schema name). Default `"result"`. */
  name?: string;
  /** Extra request fields (temperature, max_tokens…). */
  params?: Record<string, unknown>;
  /** Where attempts are logged. Default: the client made from `GENCHI_URL` / `GENCHI_KEY`. */
  genchi?: Genchi;
  /** Extra metadata on every logged attempt. */
  metadata?: Record<string, unknown>;
}

export interface GenerateObjectResult<T> {
  object: T;
  /** The id of the logged call that produced the object: attach feedback to it. */
  callId: string;
  attempts: ObjectAttempt[];
  /** What the generation had to give up, e.g. why strict mode was off for this schema. */
  notes: string[];
}

interface StrictPlan {
  /** `strict` to send: undefined leaves it out (the request as before strict mode). */
  strict: boolean | undefined;
  schema: JsonSchema;
  /** Undoes what the strict form changed in the output (nulls for absent properties). */
  restore: (value: unknown) => unknown;
  note?: string;
}

const unchanged = (value: unknown) => value;

function strictPlan(
  mode: StructuredMode,
  schema: JsonSchema,
  capabilities: StructuredCapabilities,
  wanted: boolean,
): StrictPlan {
  if (mode !== "json_schema" || !wanted || !capabilities.strictJsonSchema) {
    return { strict: undefined, schema, restore: unchanged };
  }
  const made = strictSchema(schema);
  if (made.ok) return { strict: true, schema: made.schema, restore: made.restore };
  return {
    strict: false,
    schema,
    restore: unchanged,
    note: `strict structured output is off for this schema: ${made.reason}`,
  };
}

function reask(raw: string | null, errors: string[]): Array<{ role: string; content: string }> {
  return [
    { role: "assistant", content: raw ?? "" },
    {
      role: "user",
      content: `Your reply did not match the schema:\n${errors.map((e) => `- ${e}`).join("\n")}\nReply again with corrected JSON only.`,
    },
  ];
}

/**
 * @example
 * const { object, callId } = await generateObject({
 *   client: new OpenAI(), genchi, route: "categorize", model: "gpt-4o-mini",
 *   schema: z.object({ category: z.enum(["shoes", "outerwear"]) }),
 *   messages: [{ role: "user", content: "Categorize: waterproof hiking boots" }],
 * });
 */
export async function generateObject<T>(options: GenerateObjectOptions<T>): Promise<GenerateObjectResult<T>> {
  const mode = options.mode ?? "json_schema";
  const maxRetries = options.maxRetries ?? 2;
  const maxTransportRetries = options.maxTransportRetries ?? 2;
  const retryTiming = {
    baseMs: options.transportRetryBaseMs ?? 500,
    maxMs: options.transportRetryMaxMs ?? 20_000,
  };
  const name = options.name ?? "result";
  const genchi = options.genchi ?? defaultGenchi();
  const schema = objectSchema<T>(options.schema);
  const send = chatTransport(options);
  const provider = structuredProvider(options.model, options.provider);
  const plan = strictPlan(mode, schema.jsonSchema, capabilitiesOf(provider), options.strict ?? true);
  const request = modeRequest(mode, name, plan.schema, plan.strict);
  const strictFields = {
    ...(plan.strict !== undefined ? { strict: plan.strict } : {}),
    ...(plan.note !== undefined ? { strictNote: plan.note } : {}),
  };
  const notes = plan.note !== undefined ? [plan.note] : [];
  const generation = uuidv7();
  const context: CallContext = {};
  if (options.route !== undefined) context.route = options.route;
  if (options.userId !== undefined) context.userId = options.userId;
  if (options.sessionId !== undefined) context.sessionId = options.sessionId;
  if (options.promptVersion !== undefined) context.promptVersion = options.promptVersion;
  if (options.tags !== undefined) context.tags = options.tags;
  // Options given here win over an ambient `withCallContext`.
  const callContext = mergeCallContext(currentCallContext() ?? {}, context);

  let messages: unknown[] = [
    ...(request.instruction ? [{ role: "system", content: request.instruction }] : []),
    ...options.messages,
  ];
  const attempts: ObjectAttempt[] = [];

  for (let attempt = 1; attempt <= maxRetries + 1; attempt++) {
    const body = { ...options.params, model: options.model, messages, ...request.params };
    const startTry = (transportRetry: number): LoggedTry => {
      let logged: LoggedCall | undefined;
      const pending = new PendingOpenAICall(
        body,
        callContext,
        (call) => {
          logged = call;
        },
        options.provider ?? "openai",
      );
      const log = (fields: Record<string, unknown>) => {
        if (!logged) return;
        const call: CallIn = {
          ...logged,
          ...(fields["final"] === true ? { tags: [...(logged.tags ?? []), structuredFinalTag] } : {}),
          metadata: {
            ...logged.metadata,
            ...options.metadata,
            structured: { generation, attempt, transportRetry, mode, ...strictFields, ...fields },
          },
        };
        genchi.log(call);
      };
      return { pending, log };
    };
    const { completion, tried } = await sendAttempt({
      send,
      body,
      generation,
      attempt,
      attempts,
      maxTransportRetries,
      timing: retryTiming,
      startTry,
      onTransportRetry: options.onTransportRetry,
    });
    const { pending, log } = tried;
    pending.completed(completion);
    const raw = modeOutput(mode, completion);
    const parsed = raw === null ? null : parseModelJson(raw);
    let errors: string[];
    let repaired = false;
    let value: T | undefined;
    if (parsed === null) errors = ["the reply carried no content or tool call"];
    else if (!parsed.ok) errors = [parsed.error];
    else {
      repaired = parsed.repaired;
      const checked = schema.validate(plan.restore(parsed.value));
      errors = checked.ok ? [] : checked.errors;
      if (checked.ok) value = checked.value;
    }
    const valid = errors.length === 0;
    const final = valid || attempt === maxRetries + 1;
    const outcome: AdherenceOutcome | null = !final
      ? null
      : valid
        ? attempt === 1
          ? "first_try"
          : "after_retries"
        : "failed";
    log({ valid, repaired, errors, final, ...(outcome ? { outcome } : {}) });
    attempts.push({ attempt, callId: pending.id, raw, valid, repaired, errors });
    if (valid) return { object: value as T, callId: pending.id, attempts, notes };
    messages = [...messages, ...reask(raw, errors)];
  }
  throw new GenerateObjectError(
    "GENCHI_NO_OBJECT",
    `generateObject: no valid object after ${attempts.length} attempt(s); last errors: ${attempts.at(-1)?.errors.join("; ")}`,
    attempts,
  );
}
