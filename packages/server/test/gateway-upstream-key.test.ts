/** An upstream with `apiKeyEnv`: genchi sends the key from the environment instead of the client's; it is never logged. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayHarness, startGatewayHarness } from "./gateway-harness.js";

describe("gateway upstream key from the environment", () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    process.env["GENCHI_TEST_UPSTREAM_KEY"] = "sk-upstream-from-env";
    h = await startGatewayHarness({}, { apiKey: "sk-upstream-from-env" });
    h.server.config.upstreams["openai"] = {
      baseUrl: `${h.upstream.url}/v1`,
      apiKeyEnv: "GENCHI_TEST_UPSTREAM_KEY",
    };
  });
  afterAll(async () => {
    delete process.env["GENCHI_TEST_UPSTREAM_KEY"];
    await h?.close();
  });

  it("replaces the client's credentials with the configured key", async () => {
    const res = await fetch(`${h.server.url}/v1/chat/completions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-genchi-key": h.key,
        authorization: "Bearer sk-client",
      },
      body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(res.status).toBe(200);
    expect(h.upstream.requests.at(-1)?.headers.authorization).toBe("Bearer sk-upstream-from-env");
    expect(h.upstream.requests.at(-1)?.headers["x-genchi-key"]).toBeUndefined();
    const [call] = await h.calls(1);
    expect(call?.status).toBe("ok");
    expect(JSON.stringify(call)).not.toContain("sk-upstream-from-env");
    expect(JSON.stringify(call)).not.toContain("sk-client");
  });
});
