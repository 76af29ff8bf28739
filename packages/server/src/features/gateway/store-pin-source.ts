/**
 * Pins and pin policy per project for the hot path: the project's own (models store, set through
 * the API) over the config file's, cached in memory and refreshed in the background, so a request
 * never waits on storage after a project's first one (and storage down keeps the last known pins).
 */
import type { PinPolicyName, PinRule } from "@genchi/core";
import type { ServerConfig } from "@genchi/spec";
import type { Store } from "../../platform/store/store.js";
import type { PinSource } from "./gateway-proxy.js";

const freshMs = 5_000;

interface Entry {
  policy: PinPolicyName;
  pins: PinRule[];
  loaded: number;
  loading: Promise<void> | null;
}

/** One per server, built by `app/build-services.ts`: shared by the gateway and the models API. */
export class StorePinSource implements PinSource {
  private readonly entries = new Map<string, Entry>();
  private readonly configPins: PinRule[];

  constructor(
    private readonly store: Store,
    private readonly config: ServerConfig,
  ) {
    this.configPins = config.models.pins.map((p) => ({ route: p.route, alias: p.alias, pinned: p.pinned }));
  }

  /** Loads a project's pins once; later calls return at once and refresh stale entries in the background. */
  async ready(projectId: string): Promise<void> {
    if (!this.entries.has(projectId)) return this.load(projectId);
    this.refresh(projectId);
  }

  /** Starts a background reload of a loaded project's pins when they are stale; never waits. */
  refresh(projectId: string): void {
    const entry = this.entries.get(projectId);
    if (entry && Date.now() - entry.loaded > freshMs && !entry.loading) void this.load(projectId);
  }

  /** True once a project's pins are in memory (its requests need not wait for `ready`). */
  loaded(projectId: string): boolean {
    return this.entries.has(projectId);
  }

  /** Forgets a project's cached pins (after the API changed them). */
  invalidate(projectId: string): void {
    this.entries.delete(projectId);
  }

  policyFor(projectId: string): PinPolicyName {
    return this.entries.get(projectId)?.policy ?? this.config.models.policy;
  }

  pinsFor(projectId: string): readonly PinRule[] {
    return this.entries.get(projectId)?.pins ?? this.configPins;
  }

  private load(projectId: string): Promise<void> {
    const previous = this.entries.get(projectId);
    const loading = (async () => {
      try {
        const [policy, pins] = await Promise.all([
          this.store.models.getPolicy(projectId),
          this.store.models.listPins(projectId),
        ]);
        this.entries.set(projectId, {
          policy: policy ?? this.config.models.policy,
          pins: [...pins, ...this.configPins],
          loaded: Date.now(),
          loading: null,
        });
      } catch {
        // Storage slow or down: keep what we had (or the config's) and try again later.
        this.entries.set(projectId, {
          policy: previous?.policy ?? this.config.models.policy,
          pins: previous?.pins ?? this.configPins,
          loaded: Date.now(),
          loading: null,
        });
      }
    })();
    if (previous) previous.loading = loading;
    return loading;
  }
}
