/** The evals feature's share of the store: Stored eval runs and their results. */
import type { StorePart } from "../../../platform/store/store-part.js";
import { postgresEvalMigrations, sqliteEvalMigrations } from "./eval-migrations.js";
import type { EvalStore } from "./eval-store.js";
import { postgresEvalStore } from "./postgres-eval-store.js";
import { sqliteEvalStore } from "./sqlite-eval-store.js";

declare module "../../../platform/store/store.js" {
  interface StoreParts {
    /** Stored eval runs and their results. */
    readonly evals: EvalStore;
  }
}

export const evalStorePart: StorePart<"evals"> = {
  key: "evals",
  migrations: { sqlite: sqliteEvalMigrations, postgres: postgresEvalMigrations },
  sqlite: ({ db }) => sqliteEvalStore(db),
  postgres: ({ pool }) => postgresEvalStore(pool),
};
