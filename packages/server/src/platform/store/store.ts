/**
 * The one storage interface. SQLite (embedded default) and PostgreSQL (teams) both
 * implement it and both pass `store.contract.test.ts`. Shared code never asks which
 * backend it has.
 */
import type { Call, CallsPage, CallsQuery, Feedback, KeyKind, KeyMeta, Project } from "@genchi/spec";
import type { StatsStore } from "./stats/stats-store.js";

/** What happened to one row of an insert: newly stored, or already there (idempotent retry). */
export type InsertOutcome = "stored" | "duplicate";

export interface NewKey {
  projectId: string;
  kind: KeyKind;
  /** sha256 of the secret, hex. The secret itself is never stored. */
  hash: string;
  prefix: string;
  name: string | null;
}

/** A key found by its hash, with the project it belongs to. */
export interface KeyRecord extends KeyMeta {
  projectName: string;
}

/**
 * The features' sub-stores, by key (`store.review`, `store.evals`, …). Empty here: each feature
 * adds its own entry from its folder (`features/<name>/store/<name>-store-part.ts`) by
 * declaration merging, so the platform names no feature and `store.review` is still typed.
 * The backends build each part from the feature's `StorePart` (see ./store-part.ts).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by each feature's declaration merging
export interface StoreParts {}

/** Everything but the features' parts: what the SQLite and PostgreSQL classes implement themselves. */
export interface BaseStore {
  /** "sqlite" or "postgres": for logs and `genchi serve`'s banner only. */
  readonly backend: "sqlite" | "postgres";
  /** Dashboard aggregates from the call rollups (written with the calls), and feedback counts. */
  readonly stats: StatsStore;

  /** Applies pending migrations. Safe to call from several processes at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /** Returns the project with this name, creating it when missing. */
  ensureProject(name: string): Promise<Project>;
  getProjectByName(name: string): Promise<Project | null>;
  listProjects(): Promise<Project[]>;

  createKey(key: NewKey): Promise<KeyMeta>;
  findKeyByHash(hash: string): Promise<KeyRecord | null>;
  listKeys(projectId: string): Promise<KeyMeta[]>;
  /**
   * Deletes one of the project's keys, so it authenticates no more (servers that cached it
   * forget it within their cache TTL). False when the project has no key with that id.
   */
  revokeKey(projectId: string, keyId: string): Promise<boolean>;

  /**
   * Stores calls durably before resolving. Idempotent on `(project, id)`: a call whose id
   * is already stored is reported as "duplicate" and left as it was.
   */
  insertCalls(projectId: string, calls: readonly Call[]): Promise<InsertOutcome[]>;
  /** Newest first; filters combine with AND; `q` is full-text over input and output. */
  listCalls(projectId: string, query: CallsQuery): Promise<CallsPage>;
  getCall(projectId: string, id: string): Promise<Call | null>;
  countCalls(projectId: string): Promise<number>;

  /** Idempotent on `(project, id)` like calls. Feedback may name a call not stored yet. */
  insertFeedback(projectId: string, feedback: readonly Feedback[]): Promise<InsertOutcome[]>;
  listFeedbackForCall(projectId: string, callId: string): Promise<Feedback[]>;

  /**
   * Deletes feedback whose call never arrived: no call with its id in its project, and a
   * timestamp before `cutoff`; in every project. Returns how many went.
   */
  deleteOrphanFeedbackBefore(cutoff: Date): Promise<number>;
  /** Retention: deletes calls (and their feedback) older than `cutoff`, in every project. */
  deleteCallsBefore(cutoff: Date): Promise<number>;
}

/** A store with every feature's part: what services, routes and jobs are given. */
export interface Store extends BaseStore, StoreParts {}
