/** The ModelStore in SQL both SQLite and PostgreSQL run; each backend passes how to run a statement. */
import type { ModelPin, PinPolicy, ShadowRoute } from "@genchi/spec";
import type { ModelStore, ModelUsageRow } from "./model-store.js";

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

  async listShadowRoutes(projectId: string): Promise<ShadowRoute[]> {
    const rows = await this.db.all(
      this.sql(
        "SELECT route, candidate, system_prompt, sample_rate, suite FROM shadow_routes WHERE project_id = ? ORDER BY route",
      ),
      [Number(projectId)],
    );
    return rows.map((r) => ({
      route: String(r["route"]),
      candidate: String(r["candidate"]),
      systemPrompt: r["system_prompt"] == null ? null : String(r["system_prompt"]),
      sampleRate: Number(r["sample_rate"]),
      suite: r["suite"] == null ? null : String(r["suite"]),
    }));
  }

  async putShadowRoute(projectId: string, route: ShadowRoute): Promise<void> {
    await this.db.run(
      this.sql(
        "INSERT INTO shadow_routes (project_id, route, candidate, system_prompt, sample_rate, suite, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project_id, route) DO UPDATE SET candidate = excluded.candidate, system_prompt = excluded.system_prompt, sample_rate = excluded.sample_rate, suite = excluded.suite, updated_at = excluded.updated_at",
      ),
      [
        Number(projectId),
        route.route,
        route.candidate,
        route.systemPrompt,
        route.sampleRate,
        route.suite,
        Date.now(),
      ],
    );
  }

  async deleteShadowRoute(projectId: string, route: string): Promise<boolean> {
    const changed = await this.db.run(
      this.sql("DELETE FROM shadow_routes WHERE project_id = ? AND route = ?"),
      [Number(projectId), route],
    );
    return changed > 0;
  }

  async modelUsage(projectId: string, fromSeq: number, toSeq: number): Promise<ModelUsageRow[]> {
    // The gateway writes its own metadata compactly, so a pin warning is the text `"warnings":[`.
    const rows = await this.db.all(
      this.sql(
        `SELECT source, provider, coalesce(requested_model, model) AS requested, coalesce(model, requested_model) AS served,
           route, count(*) AS calls, min(ts) AS first_ms, max(ts) AS last_ms,
           sum(CASE WHEN source = 'gateway' AND CAST(metadata AS TEXT) LIKE '%"warnings":[%' THEN 1 ELSE 0 END) AS pin_warnings
         FROM calls WHERE project_id = ? AND seq >= ? AND seq < ? AND coalesce(requested_model, model) IS NOT NULL
         GROUP BY source, provider, coalesce(requested_model, model), coalesce(model, requested_model), route`,
      ),
      [Number(projectId), fromSeq, toSeq],
    );
    return rows.map((r) => ({
      source: String(r["source"]),
      provider: r["provider"] === null ? null : String(r["provider"]),
      requestedModel: String(r["requested"]),
      servedModel: String(r["served"]),
      route: r["route"] === null ? null : String(r["route"]),
      calls: Number(r["calls"]),
      firstMs: Number(r["first_ms"]),
      lastMs: Number(r["last_ms"]),
      pinWarnings: Number(r["pin_warnings"]),
    }));
  }
}
