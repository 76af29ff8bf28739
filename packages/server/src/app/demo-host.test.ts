/**
 * `genchi serve --demo`'s hand-over to @genchi/demo on a real server: the demo sees project
 * `default`'s calls and gets a key that reads them — the printed one, or a new one named `demo`
 * when the server no longer knows its default key — and is not loaded into a project with calls.
 */
import { startDemo } from "@genchi/demo";
import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, beforeAll, expect, test } from "vitest";
import { demoHost } from "./demo-host.js";
import { type RunningServer, startServer } from "./start-server.js";

const key = "gk_test_demo_host_0123456789abcdef";
let server: RunningServer;
const tmp = createTempSqlitePath();

beforeAll(async () => {
  server = await startServer({ db: tmp.path, port: 0, initProjectKey: key, quiet: true });
});
afterAll(async () => {
  await server?.close();
  tmp.remove();
});

const callsWith = (k: string) =>
  fetch(`${server.url}/api/v1/calls`, { headers: { authorization: `Bearer ${k}` } });

test("hands the demo the URL, the default project's calls and its key", async () => {
  const host = demoHost(server);
  expect(host.url).toBe(server.url);
  expect(await host.countDefaultCalls()).toBe(0);
  expect(await host.defaultSecretKey()).toBe(key);

  const made = await demoHost({ ...server, defaultKey: null }).defaultSecretKey();
  expect(made).not.toBe(key);
  expect((await callsWith(made)).status).toBe(200);
  const project = (await server.store.getProjectByName("default"))!;
  expect((await server.store.listKeys(project.id)).map((k) => k.name)).toContain("demo");
});

test("the demo is not loaded into a project that has calls", async () => {
  const res = await fetch(`${server.url}/api/v1/ingest`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ calls: [{ model: "gpt-4o-mini", input: "hi", output: "hello" }] }),
  });
  expect(res.status).toBe(207);
  expect(await demoHost(server).countDefaultCalls()).toBe(1);
  const said: string[] = [];
  expect(await startDemo(demoHost(server), { log: (l) => said.push(l) })).toBeNull();
  expect(said).toEqual(["demo: project 'default' already has calls; not loading the demo"]);
});
