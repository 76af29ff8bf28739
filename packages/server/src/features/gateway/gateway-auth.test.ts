/**
 * GatewayAuth and the Authenticator on a real SQLite store: a known key is served at once when it
 * is due for a check (re-checked in the background), a revoked key is forgotten after that check,
 * and with storage down a known key keeps working while an unknown one fails with GENCHI_STORAGE.
 */
import { GenchiError } from "@genchi/spec";
import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Authenticator } from "../../platform/http/authenticator.js";
import { displayPrefix, generateKey, hashKey } from "../../platform/keys/project-keys.js";
import { SqliteStore } from "../../platform/store/sqlite/sqlite-store.js";
import { GatewayAuth } from "./gateway-auth.js";

describe("GatewayAuth", () => {
  const tmp = createTempSqlitePath();
  let store: SqliteStore;
  let gatewayAuth: GatewayAuth;
  let key: string;
  let keyId: string;
  let projectId: string;

  beforeEach(async () => {
    store = new SqliteStore({ path: tmp.path });
    projectId = (await store.ensureProject(`p-${Math.random()}`)).id;
    key = generateKey("secret");
    const meta = await store.createKey({
      projectId,
      kind: "secret",
      hash: hashKey(key),
      prefix: displayPrefix(key),
      name: null,
    });
    keyId = meta.id;
    gatewayAuth = new GatewayAuth(new Authenticator(store));
    expect((await gatewayAuth.principalOf(key)).projectId).toBe(projectId);
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await store.close();
  });
  afterAll(() => tmp.remove());

  const waitFor = async (done: () => boolean) => {
    const deadline = performance.now() + 30_000; // generous: a busy machine is slow
    while (!done() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return done();
  };

  it("serves a known key due for a check at once, and forgets it once the check finds it revoked", async () => {
    expect(await store.revokeKey(projectId, keyId)).toBe(true);
    vi.setSystemTime(Date.now() + 31_000);
    // Due: still answered from memory, the check runs in the background.
    expect(gatewayAuth.cached(key)?.projectId).toBe(projectId);
    expect(await waitFor(() => gatewayAuth.cached(key) === undefined)).toBe(true);
    await expect(gatewayAuth.principalOf(key)).rejects.toMatchObject({ code: "GENCHI_UNAUTHORIZED" });
  });

  it("storage down: a known key keeps working, an unknown one fails with GENCHI_STORAGE", async () => {
    await store.close();
    vi.setSystemTime(Date.now() + 31_000);
    for (let i = 0; i < 3; i++) {
      expect((await gatewayAuth.principalOf(key)).projectId).toBe(projectId);
      await new Promise((r) => setTimeout(r, 50));
    }
    const unknown = await gatewayAuth.principalOf(generateKey("secret")).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(GenchiError);
    expect((unknown as GenchiError).code).toBe("GENCHI_STORAGE");
  });
});
