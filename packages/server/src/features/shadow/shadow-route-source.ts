/**
 * Shadow routes per project for the dispatcher: the project's own (models store, set through
 * `PUT /api/v1/shadow/routes/:route`) over the config file's — for one route name the API's
 * wins, and deleting it brings the config's back. Cached in memory for a few seconds and
 * refreshed in the background (like the pin source), so other server processes pick up a
 * change without a restart and storage down keeps the last known routes.
 */
import type { ServerConfig, ShadowRoute, ShadowRouteEntry } from "@genchi/spec";
import type { Store } from "../../platform/store/store.js";

const freshMs = 5_000;

interface Entry {
  routes: ShadowRouteEntry[];
  loaded: number;
  loading: Promise<ShadowRouteEntry[]> | null;
}

/**
 * Merges a project's API routes over the config's.
 *
 * @example mergeShadowRoutes([{ route: "a", … }], configRoutes) // the API's "a" replaces the config's
 */
export function mergeShadowRoutes(
  api: readonly ShadowRoute[],
  config: readonly ShadowRoute[],
): ShadowRouteEntry[] {
  const names = new Set(api.map((r) => r.route));
  return [
    ...api.map((r) => ({ ...r, origin: "api" as const })),
    ...config
      .filter((r) => !names.has(r.route))
      .map((r) => ({ ...r, suite: r.suite ?? null, origin: "config" as const })),
  ].sort((a, b) => a.route.localeCompare(b.route));
}

/** One per server, built by `app/build-services.ts`: shared by the gateway's dispatcher and the shadow API. */
export class StoreShadowRouteSource {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: Store,
    private readonly config: ServerConfig,
  ) {}

  /** The cached routes (refreshed in the background when stale), or a promise on a project's first use. */
  routesFor(projectId: string): readonly ShadowRouteEntry[] | Promise<readonly ShadowRouteEntry[]> {
    const entry = this.entries.get(projectId);
    if (!entry) return this.load(projectId);
    if (Date.now() - entry.loaded > freshMs && !entry.loading) void this.load(projectId);
    return entry.routes;
  }

  /** Reads the project's routes now (after the API changed them, or for a report). */
  load(projectId: string): Promise<ShadowRouteEntry[]> {
    const previous = this.entries.get(projectId);
    const loading = (async () => {
      let routes: ShadowRouteEntry[];
      try {
        routes = mergeShadowRoutes(
          await this.store.models.listShadowRoutes(projectId),
          this.config.models.shadow,
        );
      } catch {
        // Storage slow or down: keep what we had (or the config's) and try again later.
        routes = previous?.routes ?? mergeShadowRoutes([], this.config.models.shadow);
      }
      this.entries.set(projectId, { routes, loaded: Date.now(), loading: null });
      return routes;
    })();
    if (previous) previous.loading = loading;
    return loading;
  }
}
