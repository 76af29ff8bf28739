// Seeded fuzz bodies for genchi's JSON entry points (ingest, feedback, OTLP/JSON, the gateway's
// four POST routes): a valid body per route, then one mutation of it: malformed JSON, wrong types,
// unknown fields, huge strings, deep nesting, extreme numbers and timestamps, NUL characters, lone
// surrogates, empty bodies, arrays where objects belong, mixed batches of valid and invalid calls.
// Used by packages/server/test/fuzz.test.ts (a few hundred) and bench/fuzz/run.js (thousands).
import { seededRandom } from "@genchi/core";

/** The routes fuzzed: name → path. */
export const fuzzRoutes = {
  ingest: "/api/v1/ingest",
  feedback: "/api/v1/feedback",
  otlp: "/v1/traces",
  chat: "/v1/chat/completions",
  messages: "/v1/messages",
  responses: "/v1/responses",
  embeddings: "/v1/embeddings",
};

const hugeSizes = [10_000, 100_000, 600_000];
const depths = [20, 99, 100, 101, 1_000, 20_000];
const rawNumbers = [
  "1e308",
  "-1e308",
  "1e309",
  "-1e309",
  "-0",
  "5e-324",
  "9007199254740993",
  "123456789012345678901234567890",
  "-1",
  "0.1",
];
const numberishStrings = ["NaN", "Infinity", "-Infinity", "-0", "1e308", "0x10", "", " 12 "];
/** Timestamps a client might send; `late` ones are past year 2200. */
const isoTimes = [
  { t: "0001-01-01T00:00:00.000Z" },
  { t: "1969-12-31T23:59:59.999Z" },
  { t: "1970-01-01T00:00:00.000Z" },
  { t: "2200-01-01T00:00:00.000Z" },
  { t: "2300-06-15T12:00:00.000Z", late: true },
  { t: "9999-12-31T23:59:59.999Z", late: true },
  { t: "2024-02-30T00:00:00Z" },
  { t: "2024-01-01T00:00:00+25:00" },
  { t: "not a date" },
];
/** OTLP's nanoseconds since 1970, as strings. */
const nanoTimes = [
  { t: "0" },
  { t: "-1" },
  { t: "-62135596800000000000" }, // year 1
  { t: "-31536000000000000" }, // 1969
  { t: "10413792000000000000", late: true }, // 2300
  { t: "253402300799999000000", late: true }, // 9999
  { t: "18446744073709551615", late: true }, // uint64 max: 2554
  { t: "1e30" },
  { t: "abc" },
];
const nulStrings = ["\u0000", "a\u0000b", "\u0000\u0000\u0000", "gpt-4o\u0000mini"];
const unknownKeys = ["__proto__", "constructor", "prototype", "toString", "x-extra", "", "\u0000", "é"];

/** The valid body of each route; `n` makes ids unique, `callId` is a stored call feedback may name. */
const bases = {
  ingest: (n) => ({
    calls: [validCall(`fuzz-${n}`)],
  }),
  feedback: (n, callId) => ({
    id: `fuzz-fb-${n}`,
    callId,
    kind: "rating",
    value: 4,
    comment: "good",
    userId: "u-1",
    timestamp: "2026-11-01T10:00:00.000Z",
    metadata: { page: "/p" },
  }),
  otlp: (n) => ({
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "fuzz" } }] },
        scopeSpans: [
          {
            scope: { name: "fuzz" },
            spans: [
              {
                traceId: hex(n, 32),
                spanId: hex(n, 16),
                name: "chat gpt-4o-mini",
                kind: 3,
                startTimeUnixNano: "1790000000000000000",
                endTimeUnixNano: "1790000001000000000",
                attributes: [
                  { key: "gen_ai.operation.name", value: { stringValue: "chat" } },
                  { key: "gen_ai.request.model", value: { stringValue: "gpt-4o-mini" } },
                  { key: "gen_ai.usage.input_tokens", value: { intValue: "12" } },
                  { key: "genchi.route", value: { stringValue: "fuzz" } },
                  {
                    key: "gen_ai.input.messages",
                    value: { stringValue: '[{"role":"user","parts":[{"type":"text","content":"hi"}]}]' },
                  },
                ],
                status: { code: 1 },
              },
            ],
          },
        ],
      },
    ],
  }),
  chat: (n) => ({
    model: n % 2 === 0 ? "openai/gpt-4o-mini" : "gpt-4o-mini",
    messages: [
      { role: "system", content: "Be brief." },
      { role: "user", content: `question ${n}` },
    ],
    temperature: 0.2,
    max_tokens: 16,
    ...(n % 3 === 0 ? { stream: true } : {}),
  }),
  messages: (n) => ({
    model: n % 2 === 0 ? "anthropic/claude-3-5-haiku-latest" : "claude-3-5-haiku-latest",
    max_tokens: 16,
    messages: [{ role: "user", content: [{ type: "text", text: `question ${n}` }] }],
    ...(n % 3 === 0 ? { stream: true } : {}),
  }),
  responses: (n) => ({ model: "gpt-4o-mini", input: `question ${n}`, max_output_tokens: 16 }),
  embeddings: (n) => ({ model: "text-embedding-3-small", input: [`text ${n}`, "more"] }),
};

/** A call ingest stores. */
export function validCall(id) {
  return {
    id,
    timestamp: "2026-11-01T10:00:00.000Z",
    route: "fuzz",
    model: "gpt-4o-mini",
    input: [{ role: "user", content: "hi" }],
    output: "hello",
    latencyMs: 120,
    usage: { inputTokens: 3, outputTokens: 1 },
    tags: ["fuzz"],
    metadata: { k: "v" },
  };
}

function hex(n, length) {
  return (n + 1).toString(16).padStart(length, "0").slice(-length);
}

/** Holds raw JSON text for values JSON.stringify cannot write (deep nesting, -0, 1e309). */
class RawSlots {
  texts = [];
  put(text) {
    this.texts.push(text);
    return `\u0001raw${this.texts.length - 1}\u0001`;
  }
  write(value) {
    return JSON.stringify(value).replace(/"\\u0001raw(\d+)\\u0001"/g, (_, i) => this.texts[Number(i)]);
  }
}

/** Every path to a leaf or container in a JSON value, with the value there. */
function pathsOf(value, prefix = [], out = []) {
  out.push({ path: prefix, value });
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) pathsOf(v, [...prefix, i], out);
  } else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

function setAt(root, path, value) {
  if (path.length === 0) return value;
  let node = root;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path.at(-1)] = value;
  return root;
}

function nestedText(random, depth) {
  return random.int(2) === 0
    ? `${"[".repeat(depth)}1${"]".repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

/**
 * `count` fuzz cases from `seed`: `{ route, path, kind, contentType, body (string | Buffer), storedIds }`.
 * `storedIds` are calls ingest must store (the valid ones of a mixed batch). `late: false` leaves
 * out timestamps past 2200.
 *
 * @example const cases = fuzzCases({ seed: 7, count: 300, callId: "fuzz-seed" })
 */
export function fuzzCases({ seed, count, callId, late = true }) {
  const random = seededRandom(seed);
  const pick = (list) => list[random.int(list.length)];
  const times = isoTimes.filter((t) => late || !t.late).map((t) => t.t);
  const nanos = nanoTimes.filter((t) => late || !t.late).map((t) => t.t);
  const routeNames = Object.keys(fuzzRoutes);
  const cases = [];
  for (let n = 0; n < count; n++) {
    const route = routeNames[n % routeNames.length];
    const raw = new RawSlots();
    let body = bases[route](n, callId);
    const paths = () => pathsOf(body);
    const pathWhere = (test) => {
      const found = paths().filter((p) => p.path.length > 0 && test(p));
      return found.length > 0 ? pick(found).path : null;
    };
    const mutateSome = (test, make) => {
      const rounds = 1 + random.int(3);
      for (let i = 0; i < rounds; i++) {
        const path = pathWhere(test);
        if (path) body = setAt(body, path, make(path));
      }
    };
    const kinds = [
      "valid",
      "malformed",
      "wrong-type",
      "unknown-fields",
      "huge-string",
      "deep",
      "extreme-number",
      "extreme-timestamp",
      "nul",
      "lone-surrogate",
      "empty",
      "not-object",
      ...(route === "ingest" ? ["mixed-batch", "mixed-batch"] : []),
    ];
    const kind = n < routeNames.length ? "valid" : pick(kinds);
    let text = null;
    let contentType = "application/json";
    const storedIds = [];
    switch (kind) {
      case "valid":
        if (route === "ingest") storedIds.push(`fuzz-${n}`);
        break;
      case "malformed": {
        const whole = JSON.stringify(body);
        const at = random.int(whole.length);
        text = pick([
          () => whole.slice(0, Math.max(1, at)),
          () =>
            `${whole.slice(0, at)}${pick(["{", "}", "[", "]", '"', ",", ":", "\\", "'"])}${whole.slice(at)}`,
          () => `${whole}${pick([",", "}", " x", "\n{}"])}`,
          () => whole.replace(/"/g, "'"),
          () => pick(["NaN", "{,}", "[1,]", '{"a":1,}', "{a:1}", "\uFEFF{}", "undefined", "--", "{"]),
          () => Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), // {"<bad UTF-8>":1}
        ])();
        break;
      }
      case "wrong-type":
        mutateSome(
          () => true,
          () => pick([0, -1, 1.5, "", "x", true, false, null, [], {}, [1, "a"], { a: 1 }]),
        );
        break;
      case "unknown-fields":
        mutateSome(
          (p) => p.value !== null && typeof p.value === "object" && !Array.isArray(p.value),
          (path) => {
            const target = path.reduce((node, key) => node[key], body);
            return { ...target, [pick(unknownKeys)]: pick([1, "x", { nested: true }, [null]]) };
          },
        );
        if (random.int(2) === 0) body = { ...body, [pick(unknownKeys)]: { a: [1, 2, 3] } };
        break;
      case "huge-string": {
        const size = pick(hugeSizes);
        mutateSome(
          (p) => typeof p.value === "string",
          () => pick(["x", "é", "😀", "ab\n"]).repeat(Math.ceil(size / 2)),
        );
        break;
      }
      case "deep": {
        const depth = pick(depths);
        mutateSome(
          () => true,
          () => raw.put(nestedText(random, depth)),
        );
        break;
      }
      case "extreme-number":
        mutateSome(
          (p) =>
            typeof p.value === "number" ||
            /Tokens|Ms|Usd|value|tokens|temperature|intValue/.test(String(p.path.at(-1))),
          () => (random.int(3) === 0 ? pick(numberishStrings) : raw.put(pick(rawNumbers))),
        );
        break;
      case "extreme-timestamp":
        mutateSome(
          (p) => /timestamp|TimeUnixNano/i.test(String(p.path.at(-1))),
          (path) => (/Nano/.test(String(path.at(-1))) ? pick(nanos) : pick(times)),
        );
        // The gateway's bodies have no timestamp of their own: one more unknown field.
        if (fuzzRoutes[route].startsWith("/v1/") && route !== "otlp")
          body = { ...body, timestamp: pick(times) };
        break;
      case "nul":
        mutateSome(
          (p) => typeof p.value === "string",
          () => pick(nulStrings),
        );
        if (random.int(3) === 0) body = { ...body, metadata: { "\u0000key": "v\u0000" } };
        break;
      case "lone-surrogate":
        mutateSome(
          (p) => typeof p.value === "string",
          () => raw.put(pick(['"\\ud800"', '"a\\udfffb"', '"\\udbff\\udbff"'])),
        );
        break;
      case "empty":
        text = "";
        if (random.int(3) === 0) contentType = pick(["text/plain", null]);
        break;
      case "not-object":
        text = pick([
          () => "[]",
          () => `[${JSON.stringify(body)}]`,
          () => "null",
          () => "1",
          () => '"x"',
          () => "true",
        ])();
        break;
      case "mixed-batch": {
        // Valid calls among broken ones (each rejected on its own): the valid ones must be stored.
        const calls = [];
        const broken = [
          (c) => ({ ...c, input: 42 }),
          (c) => ({ ...c, timestamp: pick(times) }),
          (c) => ({ ...c, latencyMs: -5 }),
          (c) => ({ ...c, tags: "not-a-list" }),
          (c) => ({ ...c, route: pick(nulStrings) }),
          (c) => ({ ...c, model: "x".repeat(600) }),
          (c) => ({ ...c, metadata: { nul: "\u0000", ["\u0000"]: 1 } }),
          (c) => ({ ...c, id: "bad id with spaces" }),
          () => pick([null, 1, "call", [], {}]),
        ];
        const size = 2 + random.int(8);
        for (let i = 0; i < size; i++) {
          const id = `fuzz-${n}-${i}`;
          if (random.int(2) === 0) {
            calls.push(validCall(id));
            storedIds.push(id);
          } else calls.push(pick(broken)(validCall(`fuzz-bad-${n}-${i}`)));
        }
        body = { calls };
        break;
      }
    }
    cases.push({
      route,
      path: fuzzRoutes[route],
      kind,
      contentType,
      body: text ?? raw.write(body),
      storedIds,
    });
  }
  return cases;
}
