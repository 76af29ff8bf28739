/**
 * The two storage backends for contract tests: each entry makes a fresh, empty target
 * (a SQLite file in a temp folder, or a throwaway PostgreSQL database).
 *
 * @example describe.each(storeBackends)("my store on %s", (_name, makeTarget) => { … })
 */
import { createTempSqlitePath, createTestDatabase } from "./databases.js";

export type StoreTarget = { url: string; cleanup: () => Promise<void> };

export const storeBackends: Array<[string, () => Promise<StoreTarget>]> = [
  [
    "sqlite",
    async () => {
      const tmp = createTempSqlitePath();
      return { url: tmp.path, cleanup: async () => tmp.remove() };
    },
  ],
  [
    "postgres",
    async () => {
      const db = await createTestDatabase();
      return { url: db.url, cleanup: db.drop };
    },
  ],
];
