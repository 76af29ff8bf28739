/** What every demo step gets: the running server to talk to over HTTP, the seed and "now". */

export interface DemoContext {
  /** Base URL of the running server, e.g. http://127.0.0.1:4242. */
  url: string;
  /** A secret key of the project the demo fills. */
  key: string;
  seed: number;
  /** Calls of the traffic step (default 50,000). */
  calls: number;
  /** "Now" for the demo's timeline. */
  nowMs: number;
  log: (line: string) => void;
}

/** One step of the demo (a file in `scenarios/`), run in the order of `scenarios/index.ts`. */
export interface DemoStep {
  name: string;
  run(context: DemoContext): Promise<void>;
}
