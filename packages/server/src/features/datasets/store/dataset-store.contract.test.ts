/** The DatasetStore contract, run unchanged on SQLite and PostgreSQL. */

import { type StoreTarget, storeBackends } from "@genchi/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../../app/open-store.js";
import type { Store } from "../../../platform/store/store.js";

describe.each(storeBackends)("DatasetStore on %s", (_name, makeTarget) => {
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

  it("creates datasets once per name, adds items idempotently in order, pages them", async () => {
    const s = await open();
    const a = await s.ensureProject("a");
    const b = await s.ensureProject("b");
    const made = await s.datasets.ensure(a.id, { name: "categorize-golden", route: "categorize" });
    expect(made.created).toBe(true);
    expect(made.dataset).toMatchObject({ name: "categorize-golden", route: "categorize", itemCount: 0 });
    const again = await s.datasets.ensure(a.id, { name: "categorize-golden", route: "other" });
    expect(again).toEqual({ dataset: made.dataset, created: false });
    const id = made.dataset.id;

    const outcomes = await s.datasets.addItems(a.id, id, [
      { id: "i1", vars: { ticket: "charged twice" }, expected: "billing", sourceCallId: "call-1" },
      { id: "i2", vars: { ticket: "parcel late" }, expected: { category: "shipping" } },
      { vars: { ticket: "no expected" }, metadata: { from: "review" } },
    ]);
    expect(outcomes.map((o) => o.outcome)).toEqual(["stored", "stored", "stored"]);
    expect(outcomes[0]?.id).toBe("i1");
    expect(outcomes[2]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      await s.datasets.addItems(a.id, id, [
        { id: "i2", vars: { ticket: "changed" } },
        { id: "i4", vars: { ticket: "password" } },
      ]),
    ).toEqual([
      { id: "i2", outcome: "duplicate" },
      { id: "i4", outcome: "stored" },
    ]);

    const page = await s.datasets.listItems(a.id, id, { limit: 3 });
    expect(page.data.map((i) => i.vars["ticket"])).toEqual(["charged twice", "parcel late", "no expected"]);
    expect(page.data[0]).toMatchObject({
      id: "i1",
      expected: "billing",
      sourceCallId: "call-1",
      datasetId: id,
    });
    expect(page.data[1]?.expected).toEqual({ category: "shipping" });
    expect(page.data[2]).toMatchObject({ expected: null, sourceCallId: null, metadata: { from: "review" } });
    const rest = await s.datasets.listItems(a.id, id, { limit: 3, cursor: page.nextCursor! });
    expect(rest.data.map((i) => i.id)).toEqual(["i4"]);
    expect(rest.nextCursor).toBeNull();

    expect((await s.datasets.get(a.id, "categorize-golden"))?.itemCount).toBe(4);
    expect((await s.datasets.get(a.id, id))?.name).toBe("categorize-golden");
    expect(await s.datasets.get(b.id, id)).toBeNull();
    expect(await s.datasets.get(b.id, "categorize-golden")).toBeNull();
    expect(await s.datasets.list(b.id)).toEqual([]);
    expect((await s.datasets.list(a.id)).map((d) => d.name)).toEqual(["categorize-golden"]);
    await expect(s.datasets.addItems(b.id, id, [{ vars: {} }])).rejects.toThrow(/no dataset/);
    expect((await s.datasets.listItems(b.id, id, { limit: 10 })).data).toEqual([]);
  });
});
