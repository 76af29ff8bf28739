/**
 * The review queue's service: builds a day's queue from a seeded sample, hands calls to
 * reviewers under a lock, stores annotations (corrections become dataset items), proposes
 * assertions for failures with their backtest, and keeps and exports route suites.
 */
import {
  type Backtest,
  backtestAssertion,
  callText,
  proposeAssertions,
  type ReviewedOutput,
  type ReviewStats,
  reviewStats,
  sampleReviewQueue,
} from "@genchi/core";
import { schemaChecker } from "@genchi/eval";
import {
  type Annotation,
  type AnnotationIn,
  type AssertionProposal,
  annotationInSchema,
  type Call,
  GenchiError,
  type ReviewProgress,
  type ReviewQueueCreate,
  type ReviewQueueItem,
  reviewQueueCreateSchema,
  type SuiteAssertion,
  type SuiteAssertionIn,
  suiteAssertionInSchema,
} from "@genchi/spec";
import type { Store } from "../../platform/store/store.js";
import { reviewCandidates } from "./review-candidates.js";
import { type ReviewExport, type ReviewedCall, reviewExport } from "./review-export.js";
import { suiteYaml } from "./review-suite-yaml.js";
import { reviewVars } from "./review-vars.js";

/** Today as a UTC day, YYYY-MM-DD. */
export const utcDay = (at: Date = new Date()): string => at.toISOString().slice(0, 10);

/** The dataset a route's corrections go to. */
export const correctionsDataset = (route: string | null) =>
  `review-${(route ?? "unrouted").replace(/[^A-Za-z0-9._-]/g, "-")}`;

export interface NextCall {
  item: ReviewQueueItem | null;
  call: Call | null;
  progress: ReviewProgress;
}

/** A route's export: the YAML and what it holds, warnings included. */
export interface SuiteExport extends ReviewExport {
  route: string;
  yaml: string;
}

export interface ProposalWithBacktest extends AssertionProposal {
  backtest: Backtest;
}

/** Checks an assertion can run at all: a regex compiles, a type is named. */
function validateAssert(assert: { type: string; value?: unknown }): void {
  const base = assert.type.replace(/^not-/, "");
  if (base === "regex") {
    try {
      new RegExp(String(assert.value ?? ""));
    } catch (error) {
      throw new GenchiError(
        "GENCHI_VALIDATION",
        `invalid regex ${JSON.stringify(assert.value)}: ${(error as Error).message}; fix the pattern (JavaScript syntax, e.g. ^\\s*billing\\s*$)`,
        { field: "assert.value" },
      );
    }
  }
}

export class ReviewService {
  private readonly schemaCheck = schemaChecker();

  constructor(private readonly store: Store) {}

  /** Builds (or tops up to `size`) the day's queue; returns the queue and how many calls were added. */
  async buildQueue(
    projectId: string,
    input: ReviewQueueCreate,
  ): Promise<{ day: string; added: number; items: ReviewQueueItem[] }> {
    const options = reviewQueueCreateSchema.parse(input);
    const day = options.day ?? utcDay();
    const existing = await this.store.review.listQueue(projectId, day);
    const wanted = options.size - existing.length;
    if (wanted <= 0) return { day, added: 0, items: existing };
    const dayEnd = new Date(`${day}T23:59:59.999Z`).getTime();
    const since = new Date(Math.min(dayEnd, Date.now()) - options.lookbackDays * 86_400_000);
    const candidates = await reviewCandidates(this.store, projectId, {
      since,
      ...(options.route !== undefined ? { route: options.route } : {}),
    });
    const picks = sampleReviewQueue(candidates, {
      size: wanted,
      seed: options.seed ?? Number(day.replaceAll("-", "")),
      exclude: await this.store.review.reviewedOrQueuedCallIds(projectId),
      ...(options.mix ? { mix: options.mix } : {}),
      ...(options.ranked ? { ranked: options.ranked } : {}),
    });
    const added = await this.store.review.addQueueItems(projectId, day, picks);
    return { day, added, items: await this.store.review.listQueue(projectId, day) };
  }

  /** Claims the reviewer's next call (locked for `lockMs`), skipping calls deleted since they were queued. */
  async next(projectId: string, reviewer: string, day: string, lockMs: number): Promise<NextCall> {
    for (let i = 0; i < 20; i++) {
      const item = await this.store.review.claimNext(projectId, day, reviewer, lockMs);
      if (!item) break;
      const call = await this.store.getCall(projectId, item.callId);
      if (call) return { item, call, progress: await this.progress(projectId, reviewer, day) };
    }
    return { item: null, call: null, progress: await this.progress(projectId, reviewer, day) };
  }

  async progress(projectId: string, reviewer: string, day: string): Promise<ReviewProgress> {
    const queue = await this.store.review.listQueue(projectId, day);
    const days = new Set(await this.store.review.annotationDays(projectId, reviewer));
    let streak = 0;
    const cursor = new Date(`${utcDay()}T00:00:00Z`);
    if (!days.has(utcDay(cursor))) cursor.setUTCDate(cursor.getUTCDate() - 1);
    while (days.has(utcDay(cursor))) {
      streak++;
      cursor.setUTCDate(cursor.getUTCDate() - 1);
    }
    return {
      day,
      total: queue.length,
      done: queue.filter((q) => q.doneBy !== null).length,
      streak,
      reviewedByMe: queue.filter((q) => q.doneBy === reviewer).length,
    };
  }

  /** Reviewed and failed per day, failures per mode (growing first), who reviewed today. */
  async stats(projectId: string, days: number): Promise<ReviewStats> {
    const annotations = await this.store.review.listAnnotations(projectId, { limit: 10_000 });
    return reviewStats(annotations, { days, today: utcDay() });
  }

  /**
   * Stores an annotation. 404 when the call does not exist, 409 when another reviewer holds
   * its lock. A correction becomes an item of the route's `review-ROUTE` dataset.
   */
  async annotate(
    projectId: string,
    input: AnnotationIn,
  ): Promise<{ annotation: Annotation; datasetItem: { dataset: string; id: string } | null }> {
    const a = annotationInSchema.parse(input);
    const call = await this.store.getCall(projectId, a.callId);
    if (!call)
      throw new GenchiError(
        "GENCHI_NOT_FOUND",
        `no call '${a.callId}' in this project (deleted by retention, or never logged); nothing to annotate`,
      );
    const lock = await this.store.review.activeLock(projectId, a.callId);
    if (lock && lock.lockedBy !== a.reviewer)
      throw new GenchiError(
        "GENCHI_CONFLICT",
        `call '${a.callId}' is being reviewed by ${lock.lockedBy} until ${lock.expiresAt}; take the next call instead`,
      );
    const annotation = await this.store.review.putAnnotation(projectId, a);
    let datasetItem: { dataset: string; id: string } | null = null;
    if (a.correction !== null) {
      const name = correctionsDataset(call.route);
      const { dataset } = await this.store.datasets.ensure(projectId, {
        name,
        route: call.route,
        description:
          "Corrections from the review queue: each item's expected output is a reviewer's correction.",
      });
      const id = `review-${a.callId}`;
      await this.store.datasets.addItems(projectId, dataset.id, [
        {
          id,
          vars: reviewVars(call),
          expected: a.correction,
          sourceCallId: a.callId,
          metadata: { reviewer: a.reviewer, verdict: a.verdict, tags: a.tags },
        },
      ]);
      datasetItem = { dataset: name, id };
    }
    return { annotation, datasetItem };
  }

  /** A route's reviewed calls with their latest annotation, newest review first. */
  async reviewedCalls(projectId: string, route: string | null): Promise<ReviewedCall[]> {
    const annotations = await this.store.review.listAnnotations(projectId, { limit: 2000 });
    const seen = new Set<string>();
    const out: ReviewedCall[] = [];
    for (const annotation of annotations) {
      if (seen.has(annotation.callId)) continue;
      seen.add(annotation.callId);
      const call = await this.store.getCall(projectId, annotation.callId);
      if (!call || call.route !== route) continue;
      out.push({ call, annotation });
    }
    return out;
  }

  /** Reviewed outputs of a route (latest verdict per call), for backtests. */
  async reviewedOutputs(projectId: string, route: string | null): Promise<ReviewedOutput[]> {
    return (await this.reviewedCalls(projectId, route)).map(({ call, annotation }) => ({
      callId: call.id,
      output: callText(call.output),
      verdict: annotation.verdict,
    }));
  }

  /** Assertions that would catch a failed call, each with how it judges the route's reviewed calls. */
  async proposals(
    projectId: string,
    callId: string,
  ): Promise<{ route: string | null; proposals: ProposalWithBacktest[] }> {
    const call = await this.store.getCall(projectId, callId);
    if (!call) throw new GenchiError("GENCHI_NOT_FOUND", `no call '${callId}' in this project`);
    const failed = (await this.store.review.listAnnotations(projectId, { callId, verdict: "fail" }))[0];
    const reviewed = await this.reviewedOutputs(projectId, call.route);
    const proposals = proposeAssertions({
      output: callText(call.output),
      correction: failed?.correction ?? null,
      note: failed?.note ?? null,
      passedOutputs: reviewed.filter((r) => r.verdict === "pass").map((r) => r.output),
    });
    return {
      route: call.route,
      proposals: proposals.map((p) => ({
        ...p,
        backtest: backtestAssertion(p.assert, reviewed, this.schemaCheck),
      })),
    };
  }

  /** How an assertion (as edited) would have judged a route's reviewed calls; 400 on an invalid regex. */
  async backtest(
    projectId: string,
    route: string | null,
    assert: { type: string; value?: unknown },
  ): Promise<Backtest> {
    validateAssert(assert);
    return backtestAssertion(assert, await this.reviewedOutputs(projectId, route), this.schemaCheck);
  }

  async addSuiteAssertion(projectId: string, input: SuiteAssertionIn): Promise<SuiteAssertion> {
    const a = suiteAssertionInSchema.parse(input);
    validateAssert(a.assert);
    return this.store.review.addSuiteAssertion(projectId, a);
  }

  /**
   * The route's suite as eval YAML for `genchi eval` and promptfoo: one test per reviewed call
   * (its whole conversation), its correction as the expected output, each suite assertion on
   * the tests where it agrees with the reviewer; warnings for assertions that fail their own call.
   * 404 when nothing would be checked.
   */
  async exportSuite(
    projectId: string,
    route: string,
    options: { provider?: string; apiBaseUrl?: string },
  ): Promise<SuiteExport> {
    const assertions = await this.store.review.listSuiteAssertions(projectId, route);
    // oldest review first: a test keeps its place as the route's reviews grow
    const reviewed = (await this.reviewedCalls(projectId, route)).reverse();
    const embeddingProvider = {
      id: "openai:embedding:text-embedding-3-small",
      ...(options.apiBaseUrl ? { config: { apiBaseUrl: options.apiBaseUrl } } : {}),
    };
    const built = reviewExport({ reviewed, assertions, embeddingProvider, schemaCheck: this.schemaCheck });
    if (built.tests.length === 0)
      throw new GenchiError(
        "GENCHI_NOT_FOUND",
        `route '${route}' has nothing to export: ${reviewed.length} reviewed call(s), none with a correction or a suite assertion that holds; correct a failed call in the review queue or add an assertion with POST /api/v1/review/suites/${route}/assertions`,
      );
    const first = reviewed[0]?.call;
    const model = first ? (first.requestedModel ?? first.model) : null;
    const yaml = suiteYaml({
      route,
      ...built,
      provider: options.provider ?? `openai:chat:${model ?? "gpt-4o-mini"}`,
      ...(options.apiBaseUrl ? { apiBaseUrl: options.apiBaseUrl } : {}),
    });
    return { route, yaml, ...built };
  }
}
