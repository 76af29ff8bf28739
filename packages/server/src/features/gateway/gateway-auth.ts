/**
 * Resolves `x-genchi-key` for gateway routes. Keeps the last good answer per key and serves it
 * at once, checking it again in the background every 30 s: a known key never waits on genchi's
 * own storage, so traffic keeps flowing while that storage is slow, stalled or down. A key found
 * revoked or unknown on a check is forgotten.
 */
import { GenchiError } from "@genchi/spec";
import type { Authenticator, Principal } from "../../platform/http/authenticator.js";

const freshMs = 30_000;
/** After a failed check (storage slow or down), how long until the next try. */
const retryMs = 5_000;

interface Known {
  principal: Principal;
  /** When to check the key again. */
  due: number;
  checking: boolean;
}

const denied = (error: unknown) =>
  error instanceof GenchiError && (error.code === "GENCHI_UNAUTHORIZED" || error.code === "GENCHI_FORBIDDEN");

export class GatewayAuth {
  private readonly known = new Map<string, Known>();

  constructor(private readonly auth: Authenticator) {}

  /** The principal of a key seen before, without waiting (re-checked in the background when due); undefined otherwise. */
  cached(header: string | string[] | undefined): Principal | undefined {
    if (typeof header !== "string") return undefined;
    const hit = this.known.get(header);
    if (!hit) return undefined;
    if (hit.due < Date.now()) this.recheck(header, hit);
    return hit.principal;
  }

  /**
   * @example const principal = await gatewayAuth.principalOf(request.headers["x-genchi-key"])
   */
  async principalOf(header: string | string[] | undefined): Promise<Principal> {
    const key = typeof header === "string" && header.length > 0 ? header : undefined;
    if (!key) {
      throw new GenchiError(
        "GENCHI_UNAUTHORIZED",
        "missing project key: send 'x-genchi-key: <project key>' (your own Authorization header goes upstream untouched)",
      );
    }
    return this.cached(key) ?? this.check(key);
  }

  private async check(key: string, fresh = false): Promise<Principal> {
    const principal = await this.auth.authenticate(key, ["secret"], { fresh });
    if (this.known.size > 10_000) this.known.clear();
    this.known.set(key, { principal, due: Date.now() + freshMs, checking: false });
    return principal;
  }

  private recheck(key: string, hit: Known): void {
    if (hit.checking) return;
    hit.checking = true;
    this.check(key, true).catch((error: unknown) => {
      if (denied(error)) {
        this.known.delete(key);
        return;
      }
      // Storage slow or down: keep the last good answer and try again a little later.
      hit.checking = false;
      hit.due = Date.now() + retryMs;
    });
  }
}
