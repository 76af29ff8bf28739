/**
 * The model registry's storage: per-project pin policy and pins (route or alias → pinned
 * snapshot). Both backends share the SQL in `sql-model-store.ts`; every query is scoped by project.
 */
import type { ModelPin, PinPolicy } from "@genchi/spec";

export interface ModelStore {
  /** The project's own policy, or null when it follows the config file's. */
  getPolicy(projectId: string): Promise<PinPolicy | null>;
  setPolicy(projectId: string, policy: PinPolicy | null): Promise<void>;
  listPins(projectId: string): Promise<ModelPin[]>;
  /** Creates or replaces the pin of that route (or alias). */
  putPin(projectId: string, pin: ModelPin): Promise<void>;
  /** Removes the pin of a route or alias; false when there was none. */
  deletePin(projectId: string, target: { route: string } | { alias: string }): Promise<boolean>;
}
