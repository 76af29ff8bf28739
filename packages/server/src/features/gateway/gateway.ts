/**
 * The gateway service: the proxy, its log queue (written through the ingest path) and the
 * shadow dispatcher, with their counters per project. One per HTTP app; `stop()` flushes what
 * is queued.
 */
import type { PinPolicyName, PinRule } from "@genchi/core";
import type { CallIn, ServerConfig } from "@genchi/spec";
import type { IngestService } from "../calls/index.js";
import { CallLogQueue, type CallLogStats, type QueuedCall } from "./call-log-queue.js";
import { CallSpool } from "./call-spool.js";
import { GatewayProxy, type PinSource } from "./gateway-proxy.js";
import { pinWarningLog } from "./pin-warning-log.js";
import { ShadowDispatcher, type ShadowRouteLookup, type ShadowStats } from "./shadow-dispatcher.js";
import { spoolDirOf } from "./spool-dir.js";
import { UpstreamClient } from "./upstream-client.js";

export interface GatewayStats {
  /** The project's log counters (the queue's capacity is the process's). */
  log: CallLogStats;
  /** The project's shadow counters. */
  shadow: ShadowStats;
  /** This process's memory, MiB (RSS includes SQLite's page cache, up to 64 MiB per connection). */
  memory: { rssMiB: number; heapUsedMiB: number };
}

export interface GatewayDeps {
  config: ServerConfig;
  ingest: IngestService;
  /** Per-project pins and policy layered over the config's (the models store); config only when absent. */
  pins?: PinSource;
  /** A project's shadow routes (the API's over the config's); the config file's when absent. */
  shadowRoutes?: ShadowRouteLookup;
  /** Called after each written batch (e.g. to record models seen). */
  afterWrite?: (projectId: string, calls: readonly CallIn[]) => Promise<void>;
  log?: (line: string) => void;
}

/** Pins and policy from the config file's `models:` section, for every project. */
export function configPinSource(config: ServerConfig): PinSource {
  const pins: PinRule[] = config.models.pins.map((p) => ({
    route: p.route,
    alias: p.alias,
    pinned: p.pinned,
  }));
  const policy: PinPolicyName = config.models.policy;
  return { policyFor: () => policy, pinsFor: () => pins };
}

/**
 * @example const gateway = new Gateway({ config, ingest }); gateway.proxy.handle(req, res, projectId, path, body)
 */
export class Gateway {
  readonly queue: CallLogQueue;
  readonly shadow: ShadowDispatcher;
  readonly proxy: GatewayProxy;
  /** Keep-alive connections to the upstreams, shared by the proxy and the shadow replays. */
  readonly client = new UpstreamClient();
  /** The crash spool (null when off): what the queue holds, on disk too, replayed after a crash. */
  readonly spool: CallSpool | null;
  /** Calls replayed from a dead process's spool, and how to let their lines go. */
  private readonly recovered = new WeakMap<QueuedCall, () => void>();

  constructor(deps: GatewayDeps) {
    const { config, ingest } = deps;
    const log = deps.log ?? ((line: string) => process.stderr.write(`genchi: ${line}\n`));
    this.queue = new CallLogQueue(
      async (projectId, calls) => {
        const result = await ingest.ingest(projectId, { calls }, { defaultSource: "gateway" });
        if (deps.afterWrite) await deps.afterWrite(projectId, calls).catch(() => {});
        return { stored: result.stored + result.duplicates, rejected: result.rejected };
      },
      {
        capacity: config.gateway.logQueueCapacity,
        batchSize: config.gateway.logBatchSize,
        // One storage round trip per second (default) instead of one per call keeps logging's
        // CPU cost per call small at low traffic.
        lingerMs: config.gateway.logLingerMs,
        onDrop: (n) =>
          log(
            `gateway log queue full: ${n} calls dropped so far (storage slow or down); see GET /api/v1/gateway/stats`,
          ),
        onWriteError: (e) => log(`gateway could not write calls, will retry: ${e.message}`),
        onPoison: (n, e) =>
          log(
            `gateway dropped a call storage refuses (${n} so far): ${e.message}; see GET /api/v1/gateway/stats`,
          ),
        onSettled: (items) => {
          for (const item of items) {
            const settle = this.recovered.get(item);
            if (settle) settle();
            else this.spool?.settle(item);
          }
        },
      },
    );
    this.spool = this.startSpool(spoolDirOf(config), log);
    const upstreams = () => config.upstreams;
    this.shadow = new ShadowDispatcher({
      routes: deps.shadowRoutes ?? (() => config.models.shadow),
      upstreams,
      client: this.client,
      concurrency: config.gateway.shadowConcurrency,
      capacity: config.gateway.shadowQueueCapacity,
      timeoutMs: config.gateway.upstreamTimeoutMs,
      log: (projectId, call) => this.log({ projectId, call }),
    });
    this.proxy = new GatewayProxy({
      upstreams,
      client: this.client,
      timeoutMs: config.gateway.upstreamTimeoutMs,
      pins: deps.pins ?? configPinSource(config),
      sink: {
        logged: (projectId, call) => this.log({ projectId, call }),
        sent: (projectId, exchange, headers) => this.shadow.offer(projectId, exchange, headers),
      },
      onPinWarning: pinWarningLog(log),
    });
  }

  /** Queues a call for storage and, once accepted, for the crash spool. */
  private log(item: QueuedCall): void {
    if (this.queue.push(item)) this.spool?.append(item);
  }

  /** Opens this process's spool and queues what dead processes left in theirs. */
  private startSpool(dir: string | null, log: (line: string) => void): CallSpool | null {
    if (dir === null) return null;
    let spool: CallSpool;
    try {
      spool = CallSpool.start(dir, { onError: (e) => log(`gateway crash spool: ${e.message}`) });
    } catch (error) {
      log(
        `gateway crash spool off: cannot use ${dir}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return null;
    }
    const recovered = spool.recover();
    for (const r of recovered) {
      const item: QueuedCall = { projectId: r.projectId, call: r.call };
      this.recovered.set(item, r.settle);
      if (!this.queue.push(item)) r.settle();
    }
    if (recovered.length > 0)
      log(
        `gateway: ${recovered.length} calls answered before a crash were found in the spool and queued for storage`,
      );
    return spool;
  }

  /** One project's counters (the process's, summed, when no project is given), and this process's memory. */
  stats(projectId?: string): GatewayStats {
    const m = process.memoryUsage();
    const mib = (x: number) => Math.round((x / 1048576) * 10) / 10;
    return {
      log: this.queue.stats(projectId),
      shadow: this.shadow.stats(projectId),
      memory: { rssMiB: mib(m.rss), heapUsedMiB: mib(m.heapUsed) },
    };
  }

  /** Hands over the last responses' exchanges, waits for shadow replays (bounded), then flushes the log queue (bounded). */
  async stop(timeoutMs = 5_000): Promise<void> {
    this.proxy.afterResponse.drain(); // responses relayed in the last millisecond
    await this.shadow.drain(Math.min(timeoutMs, 2_000));
    this.shadow.stop();
    this.client.close();
    await this.queue.stop(timeoutMs);
    // Calls still queued (storage down) keep their lines: the next start replays them.
    await this.spool?.close();
  }
}
