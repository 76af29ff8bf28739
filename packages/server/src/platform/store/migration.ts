/**
 * A named schema step. Each feature keeps its own list (per backend) and the backend's
 * registry concatenates them; a step runs once, in list order, recorded by name in
 * `genchi_migrations`. Append only: never edit a released step, add a new one.
 */
export interface Migration {
  /** Unique and stable, e.g. "0001-calls" or "gateway-0001-model-pins". */
  name: string;
  sql: string;
}
