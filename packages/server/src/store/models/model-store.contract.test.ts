/** The ModelStore contract, run unchanged on SQLite and PostgreSQL. */
import { afterEach, describe, expect, it } from "vitest";
import { type StoreTarget, storeBackends } from "../../../../../test/store-backends.js";
import { openStore } from "../open-store.js";
import type { Store } from "../store.js";

describe.each(storeBackends)("ModelStore on %s", (_name, makeTarget) => {
  let target: StoreTarget | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    await target?.cleanup();
  });
  const open = async () => {
    target = await makeTarget();
    store = await openStore(target.url);
    return store;
  };

  it("keeps a policy and pins per project, upserts and deletes them", async () => {
    const s = await open();
    const a = await s.ensureProject("a");
    const b = await s.ensureProject("b");
    expect(await s.models.getPolicy(a.id)).toBeNull();
    await s.models.setPolicy(a.id, "resolve");
    await s.models.setPolicy(a.id, "reject");
    expect(await s.models.getPolicy(a.id)).toBe("reject");
    expect(await s.models.getPolicy(b.id)).toBeNull();
    await s.models.putPin(a.id, { route: null, alias: "gpt-4o", pinned: "gpt-4o-2024-05-13" });
    await s.models.putPin(a.id, { route: null, alias: "gpt-4o", pinned: "gpt-4o-2024-08-06" });
    await s.models.putPin(a.id, { route: "categorize", alias: null, pinned: "gpt-4o-mini-2024-07-18" });
    expect(await s.models.listPins(a.id)).toEqual([
      { route: "categorize", alias: null, pinned: "gpt-4o-mini-2024-07-18" },
      { route: null, alias: "gpt-4o", pinned: "gpt-4o-2024-08-06" },
    ]);
    expect(await s.models.listPins(b.id)).toEqual([]);
    expect(await s.models.deletePin(b.id, { alias: "gpt-4o" })).toBe(false);
    expect(await s.models.deletePin(a.id, { alias: "gpt-4o" })).toBe(true);
    expect((await s.models.listPins(a.id)).length).toBe(1);
    await s.models.setPolicy(a.id, null);
    expect(await s.models.getPolicy(a.id)).toBeNull();
  });
});
