/**
 * The model registry's storage: per-project pin policy, pins (route or alias → pinned
 * snapshot) and shadow routes set through the API. Both backends share the SQL in `sql-model-store.ts`; every query is scoped by project.
 */
import type { ModelPin, PinPolicy, ShadowRoute } from "@genchi/spec";

/** Calls of one (provider, requested model, served model, route) in a window of calls. */
export interface ModelUsageRow {
  /** How the calls were logged (`gateway`, `sdk`, `otlp`, `shadow`): served models compare within one source. */
  source: string;
  provider: string | null;
  requestedModel: string;
  servedModel: string;
  route: string | null;
  calls: number;
  firstMs: number;
  lastMs: number;
  /** Gateway calls among them that carried a pin warning (policy `warn`). */
  pinWarnings: number;
}

export interface ModelStore {
  /** The project's own policy, or null when it follows the config file's. */
  getPolicy(projectId: string): Promise<PinPolicy | null>;
  setPolicy(projectId: string, policy: PinPolicy | null): Promise<void>;
  listPins(projectId: string): Promise<ModelPin[]>;
  /** Creates or replaces the pin of that route (or alias). */
  putPin(projectId: string, pin: ModelPin): Promise<void>;
  /** Removes the pin of a route or alias; false when there was none. */
  deletePin(projectId: string, target: { route: string } | { alias: string }): Promise<boolean>;
  /** The project's shadow routes, by route name. */
  listShadowRoutes(projectId: string): Promise<ShadowRoute[]>;
  /** Creates or replaces the shadow route of `route.route`. */
  putShadowRoute(projectId: string, route: ShadowRoute): Promise<void>;
  /** Removes a route's shadow; false when there was none. */
  deleteShadowRoute(projectId: string, route: string): Promise<boolean>;
  /** Calls grouped by provider, requested and served model and route, for `fromSeq <= seq < toSeq`. */
  modelUsage(projectId: string, fromSeq: number, toSeq: number): Promise<ModelUsageRow[]>;
}
