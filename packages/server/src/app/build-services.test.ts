/**
 * The composition root builds one embedder: the daily drift job (from `serverJobs`) and the
 * drift routes (from `buildApp`) both embed through the services' embedder — here a counting
 * stand-in, so the test needs no model.
 */
import { generateCalls } from "@genchi/scripted-upstream/generated-calls";
import type { CallIn } from "@genchi/spec";
import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeCall } from "../features/calls/normalize-call.js";
import type { Embedder } from "../features/drift/embedders/embedder.js";
import { resolveConfig } from "../platform/config/load-config.js";
import { displayPrefix, hashKey } from "../platform/keys/project-keys.js";
import type { Store } from "../platform/store/store.js";
import { buildApp } from "./build-app.js";
import { buildServices } from "./build-services.js";
import { openStore } from "./open-store.js";
import { serverJobs } from "./server-jobs.js";

/** Deterministic 16-number vectors from the text's characters; counts the texts it is asked for. */
function countingEmbedder(): Embedder & { texts: number } {
  const embedder = {
    id: "test/counting",
    texts: 0,
    async embed(texts: readonly string[]) {
      embedder.texts += texts.length;
      return texts.map((t) => {
        const v = new Array<number>(16).fill(0);
        for (let i = 0; i < t.length; i++) v[(t.charCodeAt(i) + i) % 16]! += 1;
        return v.map((x) => x / Math.max(1, t.length));
      });
    },
  };
  return embedder;
}

describe("buildServices", () => {
  const key = "gk_sec_build_services_test_key_0000000001";
  const tmp = createTempSqlitePath();
  let store: Store;
  beforeAll(async () => {
    store = await openStore(tmp.path);
  });
  afterAll(async () => {
    await store.close();
    tmp.remove();
  });

  it("gives the daily drift job and the drift routes one embedder", async () => {
    const now = new Date();
    const config = resolveConfig({ db: tmp.path, drift: { routes: ["support"], hour: 0, semantic: true } });
    const embedder = countingEmbedder();
    const services = buildServices(config, store, { embedder });
    expect(services.drift.embedder).toBe(embedder);

    const project = await store.ensureProject("default");
    await store.createKey({
      projectId: project.id,
      kind: "secret",
      hash: hashKey(key),
      prefix: displayPrefix(key),
      name: "test",
    });
    const { dataset } = await store.datasets.ensure(project.id, {
      name: "support-baseline",
      route: "support",
    });
    await store.datasets.addItems(
      project.id,
      dataset.id,
      generateCalls({ n: 40, seed: 1 }).map((c) => ({ vars: { input: c.input }, expected: c.output })),
    );
    await store.insertCalls(
      project.id,
      generateCalls({ n: 40, seed: 2 }).map((c, i) =>
        completeCall({
          route: "support",
          model: "m",
          timestamp: new Date(now.getTime() - (i + 1) * 60_000).toISOString(),
          input: [{ role: "user", content: c.input }],
          output: c.output,
        } as CallIn),
      ),
    );

    const job = (await serverJobs(services)).find((j) => j.name === "daily-drift");
    if (!job) throw new Error("no daily-drift job");
    await job.run({ store, log: () => {} }, now);
    const [stored] = await store.driftReports.list(project.id, { route: "support", limit: 1 });
    expect(stored?.status).toBe("done");
    const byJob = embedder.texts;
    expect(byJob).toBeGreaterThan(0);

    const app = await buildApp(services);
    try {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/drift",
        headers: { authorization: `Bearer ${key}` },
        payload: { baseline: { dataset: "support-baseline" }, current: { route: "support" }, semantic: true },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().semantic?.embedder).toBe("test/counting");
      expect(embedder.texts).toBeGreaterThan(byJob);
    } finally {
      await app.close();
    }
  }, 60_000);
});
