/** The datasets feature's share of the store: Datasets of eval inputs, with provenance. */
import type { StorePart } from "../../../platform/store/store-part.js";
import { postgresDatasetMigrations, sqliteDatasetMigrations } from "./dataset-migrations.js";
import type { DatasetStore } from "./dataset-store.js";
import { postgresDatasetStore } from "./postgres-dataset-store.js";
import { sqliteDatasetStore } from "./sqlite-dataset-store.js";

declare module "../../../platform/store/store.js" {
  interface StoreParts {
    /** Datasets of eval inputs, with provenance. */
    readonly datasets: DatasetStore;
  }
}

export const datasetStorePart: StorePart<"datasets"> = {
  key: "datasets",
  migrations: { sqlite: sqliteDatasetMigrations, postgres: postgresDatasetMigrations },
  sqlite: ({ db }) => sqliteDatasetStore(db),
  postgres: ({ pool }) => postgresDatasetStore(pool),
};
