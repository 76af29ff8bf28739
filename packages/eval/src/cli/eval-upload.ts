/**
 * Stores a `genchi eval` run in genchi while it runs: the run is created at the start, results
 * are sent in batches as they stream (every 500 results or every second), and the run is
 * finished with its summary tables. If genchi cannot be reached the eval goes on: one warning,
 * nothing more is sent.
 */
import { existsSync, readFileSync } from "node:fs";
import type { EvalResult, EvalRun, EvalRunCreate, EvalRunFinish } from "@genchi/spec";
import { type GenchiTarget, withGenchi } from "./genchi-client.js";

const batchSize = 500;
/** A batch is also sent once its outputs reach this many characters (request bodies stay small). */
const batchChars = 4_000_000;
const flushEveryMs = 1000;

export interface EvalUploadOptions {
  target: GenchiTarget;
  run: EvalRunCreate;
  /** Where the one warning goes (default: stderr). */
  warn?: (line: string) => void;
}

export class EvalUploader {
  private pending: EvalResult[] = [];
  private pendingChars = 0;
  private sending: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private broken = false;
  /** Results genchi has acknowledged. */
  stored = 0;

  private constructor(
    private readonly target: GenchiTarget,
    private readonly warn: (line: string) => void,
    /** The stored run, or null when genchi could not be reached. */
    readonly run: EvalRun | null,
  ) {
    if (!run) this.broken = true;
  }

  /**
   * Creates the run in genchi; never throws (an unreachable genchi gives a disabled uploader).
   *
   * @example const upload = await EvalUploader.start({ target, run: { description: "categorize" } })
   */
  static async start(options: EvalUploadOptions): Promise<EvalUploader> {
    const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
    try {
      const run = await withGenchi(options.target, (api) => api.evals.createRun({ body: options.run }));
      return new EvalUploader(options.target, warn, run);
    } catch (error) {
      warn(
        `genchi: warning: the run is not stored in genchi (${(error as Error).message}); the eval goes on`,
      );
      return new EvalUploader(options.target, warn, null);
    }
  }

  /** The run's page in genchi's UI, or null when it is not stored. */
  get uiUrl(): string | null {
    return this.run && !this.broken
      ? `${this.target.url}/evals/runs/${encodeURIComponent(this.run.id)}`
      : null;
  }

  /** Queues one result; a full batch (or the next tick of the timer) sends it. */
  add(result: EvalResult): void {
    if (this.broken) return;
    const {
      promptIndex: _p,
      providerIndex: _i,
      ...clean
    } = result as EvalResult & {
      promptIndex?: number;
      providerIndex?: number;
    };
    this.pending.push(clean);
    this.pendingChars += 500 + (clean.output?.length ?? 0) + (clean.prompt?.length ?? 0);
    if (this.pending.length >= batchSize || this.pendingChars >= batchChars) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), flushEveryMs);
      this.timer.unref();
    }
  }

  /**
   * Queues the results an interrupted run left in its JSONL file (`--resume`), so the stored
   * run holds them too.
   *
   * @example upload.addFromFile(".genchi/eval/suite.results.jsonl")
   */
  addFromFile(jsonl: string): void {
    if (this.broken || !existsSync(jsonl)) return;
    for (const line of readFileSync(jsonl, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      try {
        this.add(JSON.parse(line) as EvalResult);
      } catch {
        // a line cut by the interruption: the runner runs that test again
      }
    }
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0 || this.broken || !this.run) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingChars = 0;
    const id = this.run.id;
    this.sending = this.sending.then(async () => {
      if (this.broken) return;
      try {
        await withGenchi(this.target, (api) =>
          api.evals.appendResults({ params: { id }, body: { results: batch } }),
        );
        this.stored += batch.length;
      } catch (error) {
        this.fail(error);
      }
    });
  }

  private fail(error: unknown): void {
    if (this.broken) return;
    this.broken = true;
    this.pending = [];
    this.warn(
      `genchi: warning: results stopped being stored in genchi (${(error as Error).message}); the eval goes on`,
    );
  }

  /**
   * Marks the run failed without sending what is still queued (the eval was interrupted);
   * resolves within `timeoutMs` whatever genchi does.
   *
   * @example process.once("SIGINT", () => void upload.abandon().finally(() => process.exit(130)))
   */
  async abandon(timeoutMs = 2000): Promise<void> {
    if (this.broken || !this.run) return;
    this.broken = true;
    this.pending = [];
    if (this.timer) clearTimeout(this.timer);
    const id = this.run.id;
    await Promise.race([
      withGenchi(this.target, (api) =>
        api.evals.finishRun({ params: { id }, body: { status: "failed" } }),
      ).catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
    ]);
  }

  /**
   * Sends what is left and finishes the run; resolves with its UI URL, or null when not stored.
   *
   * @example const url = await upload.finish({ providerTable, repeatMetrics, recommendation })
   */
  async finish(summary: EvalRunFinish): Promise<string | null> {
    this.flush();
    await this.sending;
    if (this.broken || !this.run) return null;
    try {
      const id = this.run.id;
      await withGenchi(this.target, (api) => api.evals.finishRun({ params: { id }, body: summary }));
    } catch (error) {
      this.fail(error);
      return null;
    }
    return this.uiUrl;
  }
}
