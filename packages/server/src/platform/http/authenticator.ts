/**
 * Resolves the project key of a request (Authorization: Bearer, or x-genchi-key) to its
 * project. Lookups are cached so ingest does not hit the database per request, and a known key
 * is served stale while it is checked again in the background: a request never waits on
 * storage for a key already seen (a stalled disk keeps known keys working).
 */
import { GenchiError, type KeyKind } from "@genchi/spec";
import type { FastifyRequest } from "fastify";
import { hashKey } from "../keys/project-keys.js";
import type { KeyRecord, Store } from "../store/store.js";

export interface Principal {
  projectId: string;
  projectName: string;
  keyKind: KeyKind;
}

/** How long a lookup is trusted before it is checked again. */
const cacheTtlMs = 30_000;
/** After a failed check (storage slow or down), how long until the next try. */
const retryMs = 5_000;

interface Cached {
  record: KeyRecord | null;
  expires: number;
  checking: boolean;
}

export class Authenticator {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly store: Store) {}

  /** The key a request carries, or undefined. */
  static keyOf(request: FastifyRequest): string | undefined {
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      return match?.[1];
    }
    const alt = request.headers["x-genchi-key"];
    return typeof alt === "string" && alt.length > 0 ? alt : undefined;
  }

  /**
   * The principal of a key; throws 401 on a missing or unknown key, 403 when the key kind may not
   * do this. `fresh` looks the key up now instead of answering from the cache (a background re-check).
   */
  async authenticate(
    key: string | undefined,
    allowed: readonly KeyKind[] = ["secret"],
    options: { fresh?: boolean } = {},
  ): Promise<Principal> {
    if (!key) {
      throw new GenchiError(
        "GENCHI_UNAUTHORIZED",
        "missing project key: send 'Authorization: Bearer <key>' (genchi serve prints the default project's key)",
      );
    }
    const hash = hashKey(key);
    let hit = this.cache.get(hash);
    // Only an unknown key (or one last found missing) waits for storage; a known one is served
    // as last found and checked again in the background.
    if (!hit || options.fresh || (hit.record === null && hit.expires < Date.now()))
      hit = await this.lookup(hash);
    else if (hit.expires < Date.now()) this.recheck(hash, hit);
    const record = hit.record;
    if (!record) throw new GenchiError("GENCHI_UNAUTHORIZED", "unknown project key");
    if (!allowed.includes(record.kind)) {
      throw new GenchiError(
        "GENCHI_FORBIDDEN",
        `a ${record.kind} key cannot do this; use the project's secret key`,
      );
    }
    return { projectId: record.projectId, projectName: record.projectName, keyKind: record.kind };
  }

  private async lookup(hash: string): Promise<Cached> {
    const hit = {
      record: await this.store.findKeyByHash(hash),
      expires: Date.now() + cacheTtlMs,
      checking: false,
    };
    if (this.cache.size > 10_000) this.forgetUnknown();
    this.cache.set(hash, hit);
    return hit;
  }

  private recheck(hash: string, hit: Cached): void {
    if (hit.checking) return;
    hit.checking = true;
    this.lookup(hash).catch(() => {
      // Storage slow or down: keep serving what we knew, and try again a little later.
      hit.checking = false;
      hit.expires = Date.now() + retryMs;
    });
  }

  /** Full: wrong keys go first, so a flood of them does not make known keys wait on storage. */
  private forgetUnknown(): void {
    for (const [hash, hit] of this.cache) if (hit.record === null) this.cache.delete(hash);
    if (this.cache.size > 10_000) this.cache.clear();
  }

  /** Forgets cached lookups (after a key is created or revoked). */
  clear(): void {
    this.cache.clear();
  }
}
