/**
 * The assertions that need more than the output: `javascript` (run isolated in node:vm with a
 * timeout), `similar` (embeddings + cosine, cached), `llm-rubric` (a judge provider, cached; a
 * reply that is neither pass nor fail is an error) and JSON-schema checks (ajv). They register
 * into core's registry with the same `(output, context) => verdict` shape.
 */

import { createRequire } from "node:module";
import {
  type AssertionContext,
  type AssertionRegistry,
  type AssertionVerdict,
  coreAssertions,
  cosineSimilarity,
  errorVerdict,
  judgeMessages,
  parseJudgeVerdict,
  type SchemaCheck,
  verdict,
} from "@genchi/core/eval";
import { createProvider, embed, openAiBaseUrl } from "./eval-provider.js";
import type { ProviderSpec } from "./eval-suite.js";
import type { HttpClient } from "./http-client.js";
import { runJavascriptAssertion } from "./run-javascript-assertion.js";

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);

/** The judge / embedding provider named by an assertion or its test (`options.provider`). */
function namedProvider(ctx: AssertionContext, kind: "text" | "embedding"): ProviderSpec | undefined {
  let raw = ctx.assertionProvider ?? ctx.testOptions?.["provider"];
  if (isRec(raw) && raw[kind] !== undefined) raw = raw[kind];
  if (typeof raw === "string") return { id: raw, label: raw, config: {} };
  if (isRec(raw) && typeof raw["id"] === "string") {
    return {
      id: raw["id"],
      label: raw["id"],
      config: (isRec(raw["config"]) ? raw["config"] : {}) as ProviderSpec["config"],
    };
  }
  return undefined;
}

type AjvInstance = import("ajv").Ajv;
const require = createRequire(import.meta.url);

/**
 * A JSON-schema check (ajv, each schema compiled once); ajv is loaded on the first schema,
 * which keeps CLI start-up short. Also the server's check when it backtests `is-json` proposals.
 *
 * @example schemaChecker()({ type: "object" }, {}) // → null
 */
export function schemaChecker(): SchemaCheck {
  let ajv: AjvInstance | undefined;
  const compiled = new Map<string, ReturnType<AjvInstance["compile"]>>();
  return (schema, data) => {
    ajv ??= new (require("ajv") as typeof import("ajv")).Ajv({ allErrors: true, strict: false });
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(schema as object);
      compiled.set(key, validate);
    }
    return validate(data) ? null : ajv.errorsText(validate.errors);
  };
}

export interface IoAssertionOptions {
  http: HttpClient;
  /** The judge used when a test names none (default: gpt-4o-mini at OPENAI_BASE_URL). */
  defaultJudge?: ProviderSpec;
  env?: NodeJS.ProcessEnv;
}

/**
 * Core's registry plus the I/O assertions.
 *
 * @example const registry = evalAssertions({ http: createHttpClient() })
 */
export function evalAssertions(options: IoAssertionOptions): AssertionRegistry {
  const env = options.env ?? process.env;
  const registry = coreAssertions(schemaChecker());
  const embeddings = new Map<string, Promise<number[]>>();
  const judgeReplies = new Map<string, Promise<AssertionVerdict>>();

  const embedOne = (base: string, model: string, text: string, key: string): Promise<number[]> => {
    const k = `${base}\u0000${model}\u0000${text}`;
    let hit = embeddings.get(k);
    if (!hit) {
      hit = embed(options.http, base, model, [text], key).then((v) => v[0] ?? []);
      embeddings.set(k, hit);
    }
    return hit;
  };

  registry.register(
    "javascript",
    (output, ctx) => runJavascriptAssertion(String(ctx.value ?? ""), output, ctx),
    { local: true },
  );

  registry.register("similar", async (output, ctx) => {
    const spec = namedProvider(ctx, "embedding");
    const base = spec ? openAiBaseUrl(spec, env) : openAiBaseUrl({ id: "", label: "", config: {} }, env);
    const model = spec ? (spec.id.split(":").pop() ?? "text-embedding-3-large") : "text-embedding-3-large";
    const key = String(spec?.config.apiKey ?? env["OPENAI_API_KEY"] ?? "");
    const threshold = ctx.threshold ?? 0.75;
    const expected = Array.isArray(ctx.value) ? ctx.value.map(String) : [String(ctx.value ?? "")];
    const out = await embedOne(base, model, output, key);
    let best = -1;
    for (const e of expected)
      best = Math.max(best, cosineSimilarity(out, await embedOne(base, model, e, key)));
    const pass = best >= threshold;
    return {
      pass,
      score: best,
      reason: pass
        ? "Similarity above threshold"
        : `Similarity ${best.toFixed(2)} is less than threshold ${threshold}`,
    };
  });

  registry.register("llm-rubric", (output, ctx) => {
    const judge = namedProvider(ctx, "text") ??
      options.defaultJudge ?? { id: "openai:chat:gpt-4o-mini", label: "judge", config: {} };
    const rubric = typeof ctx.value === "string" ? ctx.value : JSON.stringify(ctx.value);
    const k = JSON.stringify([judge, rubric, output]);
    let hit = judgeReplies.get(k);
    if (!hit) {
      hit = (async () => {
        const provider = createProvider(judge, options.http, env);
        const reply = await provider.complete(JSON.stringify(judgeMessages(rubric, output)));
        const parsed = parseJudgeVerdict(reply.output);
        if (parsed.type === "error") return errorVerdict(parsed.message);
        const pass = ctx.threshold === undefined ? parsed.pass : parsed.pass && parsed.score >= ctx.threshold;
        return { pass, score: parsed.score, reason: parsed.reason || (pass ? "Judge: pass" : "Judge: fail") };
      })();
      judgeReplies.set(k, hit);
    }
    return hit;
  });

  // promptfoo's `equals` on non-string expected values etc. stay in core; this one is sugar.
  registry.register(
    "is-valid-json",
    (output) => {
      try {
        JSON.parse(output);
        return verdict(true, "");
      } catch {
        return verdict(false, "Expected output to be valid JSON");
      }
    },
    { local: true },
  );
  return registry;
}
