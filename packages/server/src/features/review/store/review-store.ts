/**
 * The review queue's storage, per project: failure modes (create, rename, merge), annotations
 * with their tags, the daily queue with per-reviewer locks (a claimed call is locked until it
 * expires; a reviewer is never offered the same call twice) and assertions added to route suites.
 */
import type {
  Annotation,
  FailureMode,
  ReviewQueueItem,
  SampleStrategy,
  SuiteAssertion,
  Verdict,
} from "@genchi/spec";

/** An annotation as the store writes it (validated, defaults filled). */
export interface AnnotationWrite {
  callId: string;
  reviewer: string;
  verdict: Verdict;
  tags: readonly string[];
  note: string | null;
  correction: string | null;
  /** ISO 8601; now when absent. */
  createdAt?: string | undefined;
}

export interface SuiteAssertionWrite {
  route: string;
  description: string;
  assert: { type: string; value?: unknown };
  sourceCallId: string | null;
}

/** Who holds a call's lock now, if anyone (a lock on an annotated call is no lock). */
export interface ReviewLock {
  day: string;
  lockedBy: string;
  expiresAt: string;
}

/** A project's reminder: POST to `webhookUrl` when its queue is untouched at `hourUtc`. */
export interface ReviewReminder {
  projectId: string;
  webhookUrl: string;
  hourUtc: number;
}

export interface ReviewStore {
  /** Appends calls to a day's queue after those there; a call already in that day's queue is skipped. */
  addQueueItems(
    projectId: string,
    day: string,
    picks: readonly { callId: string; strategy: SampleStrategy }[],
  ): Promise<number>;
  /** Every call ever queued or annotated in the project (never sampled again). */
  reviewedOrQueuedCallIds(projectId: string): Promise<Set<string>>;
  listQueue(projectId: string, day: string): Promise<ReviewQueueItem[]>;
  /**
   * The reviewer's current lock on that day (renewed), else the next open call they were never
   * offered, locked for `lockMs`; null when the queue has nothing left for them.
   */
  claimNext(
    projectId: string,
    day: string,
    reviewer: string,
    lockMs: number,
  ): Promise<ReviewQueueItem | null>;
  /** An unexpired lock on an open queue item of this call, if any. */
  activeLock(projectId: string, callId: string): Promise<ReviewLock | null>;

  /** Creates or replaces the reviewer's annotation of the call; tags join the taxonomy; queue items of the call are done. */
  putAnnotation(projectId: string, annotation: AnnotationWrite): Promise<Annotation>;
  /** Newest first; filters combine with AND. */
  listAnnotations(
    projectId: string,
    filter?: { callId?: string; reviewer?: string; verdict?: Verdict; limit?: number },
  ): Promise<Annotation[]>;
  /** UTC days (YYYY-MM-DD, newest first) on which the reviewer annotated something. */
  annotationDays(projectId: string, reviewer: string): Promise<string[]>;

  listFailureModes(projectId: string): Promise<FailureMode[]>;
  /** Creates the mode, or returns the one of that name as it is. */
  ensureFailureMode(projectId: string, name: string, description?: string): Promise<FailureMode>;
  /** By id, else by name. */
  getFailureMode(projectId: string, idOrName: string): Promise<FailureMode | null>;
  /** Renames a mode; annotations keep it (they reference the id). */
  renameFailureMode(projectId: string, id: string, name: string): Promise<FailureMode>;
  /** Moves every tag of `fromId` to `intoId` and deletes `fromId`. */
  mergeFailureModes(projectId: string, fromId: string, intoId: string): Promise<FailureMode>;

  /** Sets (or, with null, removes) the project's reminder. */
  putReminder(projectId: string, reminder: { webhookUrl: string; hourUtc: number } | null): Promise<void>;
  /** Every project's reminder (the reminder job checks them all). */
  listReminders(): Promise<ReviewReminder[]>;
  /** Records that the day's reminder is being sent; false when some process already did. */
  claimReminder(projectId: string, day: string): Promise<boolean>;

  addSuiteAssertion(projectId: string, assertion: SuiteAssertionWrite): Promise<SuiteAssertion>;
  /** A route's assertions in the order they were added. */
  listSuiteAssertions(projectId: string, route: string): Promise<SuiteAssertion[]>;
}
