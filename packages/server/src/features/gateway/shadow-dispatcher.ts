/**
 * The shadow pipeline: replays sampled production requests against a route's candidate model
 * after the primary response was sent. Bounded queue and concurrency; what does not fit is
 * dropped and counted, per project. The candidate's latency and errors never reach the user.
 * Routes are looked up per project on every offer: the config's, or — once a route source is
 * attached to that config list (shadow-route-source.ts: the API's routes over the config's) — the
 * project's current ones.
 */
import { performance } from "node:perf_hooks";
import { uuidv7 } from "@genchi/sdk";
import type { CallIn, ShadowRoute } from "@genchi/spec";
import { buildGatewayCall, type Exchange } from "./gateway-call.js";
import { headersObjectOf, upstreamRequestHeaderList } from "./relay-headers.js";
import type { UpstreamClient, UpstreamExchange } from "./upstream-client.js";
import { resolveUpstream, type UpstreamSetting } from "./upstreams.js";

/** A project's shadow counters (or the process's, summed over projects). */
export interface ShadowStats {
  offered: number;
  sampled: number;
  dropped: number;
  completed: number;
  failed: number;
  running: number;
  queued: number;
}

/** A project's shadow routes, at once when cached, else a promise. */
export type ShadowRouteLookup = (
  projectId: string,
) => readonly ShadowRoute[] | Promise<readonly ShadowRoute[]>;

export interface ShadowDispatcherOptions {
  routes: ShadowRouteLookup;
  upstreams: () => Readonly<Record<string, UpstreamSetting>>;
  client: UpstreamClient;
  concurrency: number;
  capacity: number;
  timeoutMs: number;
  /** Where the shadow call goes (the log queue). */
  log: (projectId: string, call: CallIn) => void;
  random?: () => number;
}

interface ShadowJob {
  projectId: string;
  primary: Exchange;
  route: ShadowRoute;
  headers: Record<string, string | string[] | undefined>;
}

const credentialHeaders = [
  "authorization",
  "x-api-key",
  "anthropic-version",
  "anthropic-beta",
  "openai-organization",
  "openai-project",
  "content-type",
];

type Json = Record<string, unknown>;

const zeroStats = (): ShadowStats => ({
  offered: 0,
  sampled: 0,
  dropped: 0,
  completed: 0,
  failed: 0,
  running: 0,
  queued: 0,
});

/** The candidate's request body: same request, candidate model, optional system prompt, never streamed. */
export function candidateBody(path: string, body: Json, route: ShadowRoute, model: string): Json {
  const { stream: _s, stream_options: _o, ...rest } = body;
  const out: Json = { ...rest, model };
  if (route.systemPrompt !== null) {
    if (path === "/v1/messages") out["system"] = route.systemPrompt;
    else if (path === "/v1/responses") out["instructions"] = route.systemPrompt;
    else if (Array.isArray(body["messages"])) {
      const others = (body["messages"] as Json[]).filter(
        (m) => m["role"] !== "system" && m["role"] !== "developer",
      );
      out["messages"] = [{ role: "system", content: route.systemPrompt }, ...others];
    }
  }
  return out;
}

/**
 * @example const shadow = new ShadowDispatcher({ routes: () => config.models.shadow, … }); shadow.offer(projectId, exchange, headers)
 */
export class ShadowDispatcher {
  private readonly queue: ShadowJob[] = [];
  private running = 0;
  /** Offers waiting for their project's routes. */
  private looking = 0;
  private stopped = false;
  private readonly idle: Array<() => void> = [];
  private readonly projects = new Map<string, ShadowStats>();

  constructor(private readonly options: ShadowDispatcherOptions) {}

  /** One project's counters, or (no project) the process's. */
  stats(projectId?: string): ShadowStats {
    if (projectId !== undefined) return { ...(this.projects.get(projectId) ?? zeroStats()) };
    const total = zeroStats();
    for (const c of this.projects.values())
      for (const key of Object.keys(total) as (keyof ShadowStats)[]) total[key] += c[key];
    return total;
  }

  private countsOf(projectId: string): ShadowStats {
    let c = this.projects.get(projectId);
    if (!c) {
      c = zeroStats();
      this.projects.set(projectId, c);
    }
    return c;
  }

  /** Considers a sent primary exchange for shadowing; never blocks, never throws. */
  offer(projectId: string, primary: Exchange, headers: Record<string, string | string[] | undefined>): void {
    if (this.stopped || !primary.meta.route || !primary.requestBody || primary.path === "/v1/embeddings")
      return;
    const routes = this.options.routes(projectId);
    if (Array.isArray(routes)) this.consider(projectId, primary, headers, routes as readonly ShadowRoute[]);
    else {
      this.looking++;
      (routes as Promise<readonly ShadowRoute[]>)
        .then(
          (loaded) => this.consider(projectId, primary, headers, loaded),
          () => {},
        )
        .finally(() => {
          this.looking--;
          this.settle();
        });
    }
  }

  private consider(
    projectId: string,
    primary: Exchange,
    headers: Record<string, string | string[] | undefined>,
    routes: readonly ShadowRoute[],
  ): void {
    if (this.stopped) return;
    const route = routes.find((r) => r.route === primary.meta.route);
    if (!route) return;
    const c = this.countsOf(projectId);
    c.offered++;
    if ((this.options.random ?? Math.random)() >= route.sampleRate) return;
    c.sampled++;
    if (this.queue.length >= this.options.capacity) {
      c.dropped++;
      return;
    }
    this.queue.push({ projectId, primary, route, headers });
    c.queued++;
    this.pump();
  }

  /** Resolves when nothing is queued or running (tests, shutdown). */
  async drain(timeoutMs = 10_000): Promise<void> {
    if (this.running === 0 && this.queue.length === 0 && this.looking === 0) return;
    await Promise.race([
      new Promise<void>((resolve) => this.idle.push(resolve)),
      new Promise((r) => setTimeout(r, timeoutMs).unref()),
    ]);
  }

  stop(): void {
    this.stopped = true;
    for (const job of this.queue) {
      const c = this.countsOf(job.projectId);
      c.queued--;
      c.dropped++;
    }
    this.queue.length = 0;
  }

  private settle(): void {
    if (this.running === 0 && this.queue.length === 0 && this.looking === 0)
      for (const r of this.idle.splice(0)) r();
  }

  private pump(): void {
    while (this.running < this.options.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      const c = this.countsOf(job.projectId);
      c.queued--;
      c.running++;
      this.running++;
      this.replay(job)
        .then((ok) => (ok ? c.completed++ : c.failed++))
        .catch(() => c.failed++)
        .finally(() => {
          c.running--;
          this.running--;
          this.pump();
          this.settle();
        });
    }
  }

  private replay(job: ShadowJob): Promise<boolean> {
    const { primary, route } = job;
    const started = performance.now();
    const timestamp = new Date().toISOString();
    const upstream = resolveUpstream(this.options.upstreams(), primary.path, route.candidate);
    const body = Buffer.from(
      JSON.stringify(
        candidateBody(primary.path, primary.requestBody!, route, upstream.model ?? route.candidate),
      ),
    );
    // The client's credentials and content type, as a raw list (repeated values kept).
    const raw: string[] = [];
    for (const name of credentialHeaders) {
      const value = job.headers[name];
      for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) raw.push(name, v);
    }
    const chunks: Buffer[] = [];
    const chunkTimes: number[] = [];
    return new Promise<boolean>((resolve) => {
      let done = false;
      let status = 502;
      let responseHeaders: string[] = [];
      const finish = (over: Partial<Exchange>) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        const x: Exchange = {
          ...primary,
          id: uuidv7(),
          timestamp,
          upstream: upstream.name,
          requestBody: JSON.parse(body.toString("utf8")) as Json,
          requestedModel: route.candidate,
          forwardedModel: upstream.model,
          warnings: [],
          resolvedFrom: null,
          status: null,
          responseHeaders: headersObjectOf(responseHeaders),
          chunks,
          chunkTimes,
          complete: false,
          latencyMs: performance.now() - started,
          gatewayError: null,
          ...over,
        };
        const call = buildGatewayCall(x, "shadow");
        call.shadowOf = primary.id;
        this.options.log(job.projectId, call);
        resolve(call.status === "ok");
      };
      const timer = setTimeout(() => {
        exchange?.abort();
        finish({ gatewayError: `candidate sent no response within ${this.options.timeoutMs} ms` });
      }, this.options.timeoutMs);
      let exchange: UpstreamExchange | null = null;
      try {
        exchange = this.options.client.request(
          upstream,
          "POST",
          `${upstream.basePath}${primary.path}`,
          upstreamRequestHeaderList(raw, upstream.url.host, {
            apiKey: upstream.apiKey,
            anthropic: primary.path === "/v1/messages",
            bodyLength: body.length,
            identity: false,
          }),
          body,
          {
            onHead: (code, _message, rawHeaders) => {
              status = code;
              responseHeaders = rawHeaders;
            },
            onData: (c) => {
              chunks.push(c);
              chunkTimes.push(performance.now() - started);
            },
            onEnd: () => finish({ status, complete: true }),
            onError: (error, afterHead) =>
              finish(afterHead ? { status } : { gatewayError: `candidate unreachable: ${error.message}` }),
          },
        );
      } catch (error) {
        finish({
          gatewayError: `candidate unreachable: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    });
  }
}
