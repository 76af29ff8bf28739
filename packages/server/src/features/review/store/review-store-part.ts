/** The review feature's share of the store: The review queue: annotations, failure modes, daily queues with locks, suite assertions. On SQLite its reads go to the read worker (the reminders job reads in the background). */
import type { StorePart } from "../../../platform/store/store-part.js";
import { postgresReviewStore } from "./postgres-review-store.js";
import { postgresReviewMigrations, sqliteReviewMigrations } from "./review-migrations.js";
import type { ReviewStore } from "./review-store.js";
import { SqlReviewStore } from "./sql-review-store.js";

declare module "../../../platform/store/store.js" {
  interface StoreParts {
    /** The review queue: annotations, failure modes, daily queues with locks, suite assertions. On SQLite its reads go to the read worker (the reminders job reads in the background). */
    readonly review: ReviewStore;
  }
}

export const reviewStorePart: StorePart<"review"> = {
  key: "review",
  migrations: { sqlite: sqliteReviewMigrations, postgres: postgresReviewMigrations },
  sqlite: ({ offThread }) => new SqlReviewStore(offThread),
  postgres: ({ pool }) => postgresReviewStore(pool),
};
