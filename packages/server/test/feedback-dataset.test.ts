/**
 * Feedback → dataset over real HTTP: corrections and edited accepts become items whose expected
 * output is the user's text, accepts become positive examples, regenerations negative ones;
 * thumbs are left out; running it twice adds nothing twice.
 */
import type { DatasetItemsPage } from "@genchi/spec";
import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/app/start-server.js";

const key = "gk_test_feedback_dataset_0123456789";

describe("feedback → dataset", () => {
  let server: RunningServer;
  let tmp: ReturnType<typeof createTempSqlitePath>;
  beforeAll(async () => {
    tmp = createTempSqlitePath();
    server = await startServer({ db: tmp.path, port: 0, initProjectKey: key, quiet: true });
  });
  afterAll(async () => {
    await server?.close();
    tmp?.remove();
  });
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const call = (id: string, ticket: string, answer: string, route = "categorize") => ({
    id,
    route,
    model: "gpt-4o-mini",
    input: [{ role: "user", content: ticket }],
    output: { role: "assistant", content: answer },
  });

  it("turns corrections, accepts and regenerations into items, once", async () => {
    const ingest = await api("POST", "/api/v1/ingest", {
      calls: [
        call("c-edit", "my parcel is late", "Shipping"),
        call("c-accept", "charged twice", "Billing"),
        call("c-regen", "reset my password", "Shipping"),
        call("c-thumb", "close my account", "Account"),
        call("c-other-route", "hello", "Hi!", "support-reply"),
      ],
      feedback: [
        { callId: "c-edit", kind: "accept_edit", editedOutput: "Shipping delay" },
        { callId: "c-accept", kind: "accept" },
        { callId: "c-regen", kind: "regenerate" },
        { callId: "c-thumb", kind: "thumbs_up" },
        { callId: "c-other-route", kind: "accept" },
      ],
    });
    expect(ingest.status).toBe(207);
    const dataset = await api("POST", "/api/v1/datasets", {
      name: "categorize-feedback",
      route: "categorize",
    });
    const id = (dataset.body as { id: string }).id;

    const first = await api("POST", `/api/v1/datasets/${id}/items/from-feedback`, { route: "categorize" });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ stored: 3, duplicates: 0 });
    const again = await api("POST", `/api/v1/datasets/${id}/items/from-feedback`, { route: "categorize" });
    expect(again.body).toMatchObject({ stored: 0, duplicates: 3 });

    const items = (await api("GET", `/api/v1/datasets/${id}/items`)).body as unknown as DatasetItemsPage;
    const bySource = new Map(items.data.map((i) => [i.sourceCallId, i]));
    expect([...bySource.keys()].sort()).toEqual(["c-accept", "c-edit", "c-regen"]);
    expect(bySource.get("c-edit")).toMatchObject({
      vars: { input: "my parcel is late" },
      expected: "Shipping delay",
      metadata: { example: "correction", feedbackKind: "accept_edit", label: "positive" },
    });
    expect(bySource.get("c-accept")).toMatchObject({
      expected: "Billing",
      metadata: { example: "positive" },
    });
    expect(bySource.get("c-regen")).toMatchObject({
      metadata: { example: "negative", label: "strong_negative", rejectedOutput: "Shipping" },
    });
  });

  it("answers bad input and an unknown dataset clearly", async () => {
    const bad = await api("POST", "/api/v1/datasets/none/items/from-feedback", { route: 5 });
    expect(bad.status).toBe(400);
    const missing = await api("POST", "/api/v1/datasets/none/items/from-feedback", {});
    expect(missing.status).toBe(404);
    expect(JSON.stringify(missing.body)).toContain("no dataset 'none'");
  });
});
