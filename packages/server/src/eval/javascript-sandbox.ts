/**
 * A worker thread that runs inline `javascript` assertions, isolated from genchi's process
 * state: each snippet is compiled once into its own node:vm context inside the worker (no
 * require, no process). The main thread times every job; a snippet that runs too long gets
 * the worker terminated and replaced, and its assertion fails with an error.
 */
import { Worker } from "node:worker_threads";

const workerSource = `
const vm = require("node:vm");
const { parentPort } = require("node:worker_threads");
const compiled = new Map();
function compile(source) {
  let hit = compiled.get(source);
  if (hit) return hit;
  // promptfoo's rule: a snippet with several lines is a function body, one line an expression.
  const body = source.trim().includes("\\n") ? source : "return " + source;
  const context = vm.createContext(Object.create(null));
  hit = vm.runInContext(
    "(function (__output, __context) { return JSON.stringify((function (output, context) {\\n" + body +
      "\\n})(JSON.parse(__output), JSON.parse(__context)) ?? null); })",
    context,
    { filename: "assertion.js" },
  );
  compiled.set(source, hit);
  return hit;
}
parentPort.on("message", (job) => {
  try {
    parentPort.postMessage({ id: job.id, result: compile(job.source)(job.output, job.context) });
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: error && error.message ? error.message : String(error) });
  }
});
`;

interface Job {
  id: number;
  source: string;
  output: string;
  context: string;
}

type Reply = { id: number; result?: string; error?: string };

interface Pending {
  job: Job;
  resolve: (r: { result?: string; error?: string }) => void;
  timer: NodeJS.Timeout;
}

export class JavascriptSandbox {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly timeoutMs = 2000) {}

  private spawn(): Worker {
    const worker = new Worker(workerSource, { eval: true });
    worker.unref();
    worker.on("message", (reply: Reply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      clearTimeout(p.timer);
      this.pending.delete(reply.id);
      p.resolve(
        reply.error !== undefined
          ? { error: reply.error }
          : reply.result !== undefined
            ? { result: reply.result }
            : {},
      );
    });
    worker.on("error", (error) => this.restart(`the sandbox crashed: ${error.message}`));
    return worker;
  }

  /** Fails the jobs of a stuck worker with `reason` and reposts none: each job is its own verdict. */
  private restart(reason: string): void {
    const old = this.worker;
    this.worker = undefined;
    void old?.terminate();
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.resolve({ error: reason });
    }
  }

  /**
   * Runs a snippet; resolves with its JSON-encoded return value or an error message.
   *
   * @example await sandbox.run("output.length > 3", JSON.stringify("Paris"), "{}") // → { result: "true" }
   */
  run(source: string, output: string, context: string): Promise<{ result?: string; error?: string }> {
    this.worker ??= this.spawn();
    const job: Job = { id: this.nextId++, source, output, context };
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.restart(`timed out after ${this.timeoutMs} ms`), this.timeoutMs);
      this.pending.set(job.id, { job, resolve, timer });
      this.worker!.postMessage(job);
    });
  }

  /** Stops the worker (pending jobs fail). */
  close(): void {
    this.restart("the sandbox was closed");
  }
}
