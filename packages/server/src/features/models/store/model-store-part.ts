/** The models feature's share of the store: Model registry: pin policy and pins per project, shadow routes, models seen. On SQLite its reads go to the read worker: the gateway reads pins and shadow routes in the background. */
import type { StorePart } from "../../../platform/store/store-part.js";
import { postgresModelMigrations, sqliteModelMigrations } from "./model-migrations.js";
import type { ModelStore } from "./model-store.js";
import { postgresModelStore } from "./postgres-model-store.js";
import { SqlModelStore } from "./sql-model-store.js";

declare module "../../../platform/store/store.js" {
  interface StoreParts {
    /** Model registry: pin policy and pins per project, shadow routes, models seen. On SQLite its reads go to the read worker: the gateway reads pins and shadow routes in the background. */
    readonly models: ModelStore;
  }
}

export const modelStorePart: StorePart<"models"> = {
  key: "models",
  migrations: { sqlite: sqliteModelMigrations, postgres: postgresModelMigrations },
  sqlite: ({ offThread }) => new SqlModelStore({ ...offThread, placeholder: () => "?" }),
  postgres: ({ pool }) => postgresModelStore(pool),
};
