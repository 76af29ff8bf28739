/**
 * Resolves the project key of a request (Authorization: Bearer, or x-genchi-key) to its
 * project. Lookups are cached briefly so ingest does not hit the database per request.
 */
import { GenchiError, type KeyKind } from "@genchi/spec";
import type { FastifyRequest } from "fastify";
import { hashKey } from "../services/project-keys.js";
import type { KeyRecord, Store } from "../store/store.js";

export interface Principal {
  projectId: string;
  projectName: string;
  keyKind: KeyKind;
}

const cacheTtlMs = 30_000;

export class Authenticator {
  private readonly cache = new Map<string, { record: KeyRecord | null; expires: number }>();

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

  /** The principal of a key; throws 401 on a missing or unknown key, 403 when the key kind may not do this. */
  async authenticate(key: string | undefined, allowed: readonly KeyKind[] = ["secret"]): Promise<Principal> {
    if (!key) {
      throw new GenchiError(
        "GENCHI_UNAUTHORIZED",
        "missing project key: send 'Authorization: Bearer <key>' (genchi serve prints the default project's key)",
      );
    }
    const hash = hashKey(key);
    const now = Date.now();
    let hit = this.cache.get(hash);
    if (!hit || hit.expires < now) {
      hit = { record: await this.store.findKeyByHash(hash), expires: now + cacheTtlMs };
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(hash, hit);
    }
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

  /** Forgets cached lookups (after a key is created or revoked). */
  clear(): void {
    this.cache.clear();
  }
}
