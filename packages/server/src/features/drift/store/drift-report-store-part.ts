/** The drift feature's share of the store: Stored DriftReports (daily per route, or on demand). */
import type { StorePart } from "../../../platform/store/store-part.js";
import { postgresDriftReportMigrations, sqliteDriftReportMigrations } from "./drift-report-migrations.js";
import type { DriftReportStore } from "./drift-report-store.js";
import { postgresDriftReportStore } from "./postgres-drift-report-store.js";
import { sqliteDriftReportStore } from "./sqlite-drift-report-store.js";

declare module "../../../platform/store/store.js" {
  interface StoreParts {
    /** Stored DriftReports (daily per route, or on demand). */
    readonly driftReports: DriftReportStore;
  }
}

export const driftReportStorePart: StorePart<"driftReports"> = {
  key: "driftReports",
  migrations: { sqlite: sqliteDriftReportMigrations, postgres: postgresDriftReportMigrations },
  sqlite: ({ db }) => sqliteDriftReportStore(db),
  postgres: ({ pool }) => postgresDriftReportStore(pool),
};
