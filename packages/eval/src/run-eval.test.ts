/**
 * The runner's concurrency bound over a real loopback server: provider requests in flight
 * never exceed `concurrency`, also while tests with local assertions grade as the next
 * request goes out, and while judge (`llm-rubric`) calls grade inside the slot.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProvider } from "./eval-provider.js";
import { createHttpClient } from "./http-client.js";
import { evalAssertions } from "./io-assertions.js";
import { loadEvalConfig } from "./load-eval-config.js";
import { runEval } from "./run-eval.js";
import { closeJavascriptSandbox } from "./run-javascript-assertion.js";

const work = mkdtempSync(join(tmpdir(), "genchi-run-eval-"));
let server: Server;
let url = "";
let inFlight = 0;
let maxInFlight = 0;
let requests = 0;

beforeAll(async () => {
  // answers after 5 ms: a judge prompt gets a passing verdict, any other prompt is echoed
  server = createServer((req, res) => {
    inFlight++;
    requests++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () =>
      setTimeout(() => {
        const messages = (JSON.parse(body) as { messages: { content: string }[] }).messages;
        const last = messages.at(-1)?.content ?? "";
        const content = last.includes("<Rubric>")
          ? '{"pass": true, "score": 1, "reason": "fine"}'
          : JSON.stringify({ echo: last });
        inFlight--;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ choices: [{ message: { role: "assistant", content } }] }));
      }, 5),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  closeJavascriptSandbox();
  await new Promise((r) => server.close(r));
});

async function runSuite(asserts: string, concurrency: number) {
  const config = join(work, `suite-${concurrency}-${asserts.length}.yaml`);
  const tests = Array.from({ length: 40 }, (_, i) => `  - vars: { id: "T${i}" }`).join("\n");
  writeFileSync(
    config,
    `prompts: ["ticket {{id}}"]
providers:
  - id: openai:chat:m
    config: { apiBaseUrl: "${url}" }
defaultTest:
  options: { provider: { id: "openai:chat:judge", config: { apiBaseUrl: "${url}" } } }
  assert:
${asserts}
tests:
${tests}
`,
  );
  inFlight = 0;
  maxInFlight = 0;
  requests = 0;
  const suite = loadEvalConfig(config);
  const http = createHttpClient();
  const summary = await runEval({
    suite,
    providers: suite.providers.map((p) => createProvider(p, http)),
    registry: evalAssertions({ http }),
    resultsFile: `${config}.jsonl`,
    concurrency,
  });
  const lines = readFileSync(`${config}.jsonl`, "utf8").trim().split("\n");
  return { summary, lines };
}

describe("runEval concurrency", () => {
  it("keeps provider requests in flight at the bound while local assertions grade", async () => {
    const { summary, lines } = await runSuite(
      `    - type: contains
      value: ticket
    - type: javascript
      value: JSON.parse(output).echo.endsWith(context.vars.id)`,
      4,
    );
    expect(summary.aggregate.stats).toEqual({ passed: 40, failed: 0, errors: 0 });
    expect(lines).toHaveLength(40);
    expect(requests).toBe(40);
    expect(maxInFlight).toBe(4);
  });

  it("counts judge calls inside the bound", async () => {
    const { summary } = await runSuite(
      `    - type: llm-rubric
      value: mentions the ticket`,
      3,
    );
    expect(summary.aggregate.stats).toEqual({ passed: 40, failed: 0, errors: 0 });
    expect(requests).toBe(80);
    expect(maxInFlight).toBeLessThanOrEqual(3);
  });
});
