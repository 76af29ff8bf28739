/**
 * Runs inline `javascript` assertions isolated from genchi's process state: each snippet is
 * compiled once into its own node:vm context (no require, no process).
 *
 * By default the contexts live in a worker thread. Jobs are sent in batches (all those queued
 * in one turn of the event loop go in one message, answered by one message): a message costs
 * more than running a snippet. The main thread times every batch; one that runs too long gets
 * the worker terminated and replaced, and its assertions fail with an error.
 *
 * `inline` mode, for a run with a handful of snippet calls, keeps the contexts in genchi's
 * thread and bounds each call with node:vm's own timeout: starting a worker (~50 ms of CPU)
 * would cost more than the calls. Verdicts and messages are the same in both modes (inline,
 * a call's two JSON strings pass through the context's globals `__genchiOutput` and
 * `__genchiContext`).
 */
import * as vm from "node:vm";
import { Worker } from "node:worker_threads";

/**
 * `(vm, inline) => compile(source)`: one compiled snippet per source. promptfoo's rule: a
 * snippet with several lines is a function body, one line an expression. The worker gets this
 * text; inline mode evaluates the same text, so both compile snippets identically.
 */
const compilerSource = `(vm, inline) => {
  const compiled = new Map();
  return (source) => {
    let hit = compiled.get(source);
    if (hit) return hit;
    const body = source.trim().includes("\\n") ? source : "return " + source;
    const wrapper =
      "(function (__output, __context) { return JSON.stringify((function (output, context) {\\n" + body +
      "\\n})(JSON.parse(__output), JSON.parse(__context)) ?? null); })";
    // inline, promise callbacks run inside the call's timeout, not later on genchi's thread
    const context = vm.createContext(Object.create(null), inline ? { microtaskMode: "afterEvaluate" } : {});
    hit = inline
      ? { context, call: new vm.Script(wrapper + "(__genchiOutput, __genchiContext)", { filename: "assertion.js" }) }
      : vm.runInContext(wrapper, context, { filename: "assertion.js" });
    compiled.set(source, hit);
    return hit;
  };
}`;

const workerSource = `
const { parentPort } = require("node:worker_threads");
const compile = (${compilerSource})(require("node:vm"), false);
parentPort.on("message", (batch) => {
  const replies = [];
  for (const job of batch.jobs) {
    try {
      replies.push({ id: job.id, result: compile(job.source)(job.output, job.context) });
    } catch (error) {
      replies.push({ id: job.id, error: error && error.message ? error.message : String(error) });
    }
  }
  parentPort.postMessage({ batch: batch.batch, replies });
});
`;

/** A snippet compiled for inline mode: its context and the script that calls it. */
interface InlineSnippet {
  context: Record<string, unknown>;
  call: vm.Script;
}

interface Job {
  id: number;
  source: string;
  output: string;
  context: string;
}

type Reply = { id: number; result?: string; error?: string };
type Outcome = { result?: string; error?: string };

export class JavascriptSandbox {
  private worker: Worker | undefined;
  private nextId = 1;
  private nextBatch = 1;
  /** Jobs sent or queued, by id. */
  private readonly pending = new Map<number, (r: Outcome) => void>();
  /** Watchdogs of the batches the worker holds, by batch id. */
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private queue: Job[] = [];
  private flushScheduled = false;

  private inlineCompile: ((source: string) => InlineSnippet) | undefined;

  /**
   * @param timeoutMs longest a snippet (worker mode: a batch) may run
   * @param inline run snippets in this thread (for a few calls), not in a worker
   */
  constructor(
    private readonly timeoutMs = 2000,
    private readonly inline = false,
  ) {}

  /** Whether snippets run in this thread rather than in a worker. */
  get isInline(): boolean {
    return this.inline;
  }

  /** One call in this thread, bounded by node:vm's timeout. */
  private runInline(source: string, output: string, context: string): Outcome {
    let snippet: InlineSnippet | undefined;
    try {
      this.inlineCompile ??= (
        vm.runInThisContext(compilerSource) as (
          v: typeof vm,
          inline: boolean,
        ) => (source: string) => InlineSnippet
      )(vm, true);
      snippet = this.inlineCompile(source);
      // strings only: a host object would lead back to genchi's realm through its constructor
      snippet.context["__genchiOutput"] = output;
      snippet.context["__genchiContext"] = context;
      const result = snippet.call.runInContext(snippet.context, { timeout: this.timeoutMs }) as unknown;
      return typeof result === "string" ? { result } : {};
    } catch (error) {
      if ((error as { code?: unknown }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT")
        return { error: `timed out after ${this.timeoutMs} ms` };
      const message = (error as { message?: unknown } | null)?.message;
      return { error: message ? String(message) : String(error) };
    } finally {
      if (snippet) {
        delete snippet.context["__genchiOutput"];
        delete snippet.context["__genchiContext"];
      }
    }
  }

  private spawn(): Worker {
    const worker = new Worker(workerSource, { eval: true });
    worker.unref();
    worker.on("message", (message: { batch: number; replies: Reply[] }) => {
      if (worker !== this.worker) return; // a worker already replaced
      clearTimeout(this.timers.get(message.batch));
      this.timers.delete(message.batch);
      for (const reply of message.replies) {
        const resolve = this.pending.get(reply.id);
        if (!resolve) continue;
        this.pending.delete(reply.id);
        resolve(
          reply.error !== undefined
            ? { error: reply.error }
            : reply.result !== undefined
              ? { result: reply.result }
              : {},
        );
      }
    });
    worker.on("error", (error) => {
      if (worker === this.worker) this.restart(`the sandbox crashed: ${error.message}`);
    });
    return worker;
  }

  /** Sends the queued jobs as one batch with one watchdog. */
  private flush(): void {
    this.flushScheduled = false;
    const jobs = this.queue;
    this.queue = [];
    if (jobs.length === 0) return;
    this.worker ??= this.spawn();
    const worker = this.worker;
    const batch = this.nextBatch++;
    this.timers.set(
      batch,
      setTimeout(() => this.restart(`timed out after ${this.timeoutMs} ms`), this.timeoutMs),
    );
    worker.postMessage({ batch, jobs });
  }

  /** Fails the jobs of a stuck worker with `reason` and reposts none: each job is its own verdict. */
  private restart(reason: string): void {
    const old = this.worker;
    this.worker = undefined;
    void old?.terminate();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.queue = [];
    const failed = [...this.pending.values()];
    this.pending.clear();
    for (const resolve of failed) resolve({ error: reason });
  }

  /**
   * Runs a snippet; resolves with its JSON-encoded return value or an error message.
   *
   * @example await sandbox.run("output.length > 3", JSON.stringify("Paris"), "{}") // → { result: "true" }
   */
  run(source: string, output: string, context: string): Promise<Outcome> {
    if (this.inline) return Promise.resolve(this.runInline(source, output, context));
    const job: Job = { id: this.nextId++, source, output, context };
    return new Promise((resolve) => {
      this.pending.set(job.id, resolve);
      this.queue.push(job);
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Starts the worker ahead of the first job. */
  warm(): void {
    if (this.inline) return;
    this.worker ??= this.spawn();
  }

  /** Stops the worker (pending jobs fail). */
  close(): void {
    this.restart("the sandbox was closed");
  }
}
