/** The ModelStore in SQL both SQLite and PostgreSQL run; each backend passes how to run a statement. */
import type { ModelPin, PinPolicy } from "@genchi/spec";
import type { ModelStore } from "./model-store.js";

export interface SqlRunner {
  all(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  /** Runs a statement; resolves with the number of rows changed. */
  run(sql: string, params: unknown[]): Promise<number>;
  /** The n-th (1-based) placeholder: `?` or `$n`. */
  placeholder(n: number): string;
}

export class SqlModelStore implements ModelStore {
  constructor(private readonly db: SqlRunner) {}

  private sql(text: string): string {
    let n = 0;
    return text.replace(/\?/g, () => this.db.placeholder(++n));
  }

  async getPolicy(projectId: string): Promise<PinPolicy | null> {
    const rows = await this.db.all(this.sql("SELECT policy FROM model_policies WHERE project_id = ?"), [
      Number(projectId),
    ]);
    return (rows[0]?.["policy"] as PinPolicy | undefined) ?? null;
  }

  async setPolicy(projectId: string, policy: PinPolicy | null): Promise<void> {
    if (policy === null) {
      await this.db.run(this.sql("DELETE FROM model_policies WHERE project_id = ?"), [Number(projectId)]);
      return;
    }
    await this.db.run(
      this.sql(
        "INSERT INTO model_policies (project_id, policy, updated_at) VALUES (?, ?, ?) ON CONFLICT (project_id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at",
      ),
      [Number(projectId), policy, Date.now()],
    );
  }

  async listPins(projectId: string): Promise<ModelPin[]> {
    const rows = await this.db.all(
      this.sql("SELECT scope, name, pinned FROM model_pins WHERE project_id = ? ORDER BY scope DESC, name"),
      [Number(projectId)],
    );
    return rows.map((r) => ({
      route: r["scope"] === "route" ? String(r["name"]) : null,
      alias: r["scope"] === "alias" ? String(r["name"]) : null,
      pinned: String(r["pinned"]),
    }));
  }

  async putPin(projectId: string, pin: ModelPin): Promise<void> {
    const scope = pin.route !== null ? "route" : "alias";
    const name = pin.route ?? pin.alias;
    await this.db.run(
      this.sql(
        "INSERT INTO model_pins (project_id, scope, name, pinned, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (project_id, scope, name) DO UPDATE SET pinned = excluded.pinned, updated_at = excluded.updated_at",
      ),
      [Number(projectId), scope, name, pin.pinned, Date.now()],
    );
  }

  async deletePin(projectId: string, target: { route: string } | { alias: string }): Promise<boolean> {
    const [scope, name] = "route" in target ? ["route", target.route] : ["alias", target.alias];
    const changed = await this.db.run(
      this.sql("DELETE FROM model_pins WHERE project_id = ? AND scope = ? AND name = ?"),
      [Number(projectId), scope, name],
    );
    return changed > 0;
  }
}
