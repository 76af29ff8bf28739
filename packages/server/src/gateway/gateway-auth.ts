/**
 * Resolves `x-genchi-key` for gateway routes. Keeps the last good answer per key, so traffic
 * keeps flowing with a known key while genchi's own storage is slow or down.
 */
import { GenchiError } from "@genchi/spec";
import type { Authenticator, Principal } from "../http/authenticator.js";

const freshMs = 30_000;

export class GatewayAuth {
  private readonly known = new Map<string, { principal: Principal; checked: number }>();

  constructor(private readonly auth: Authenticator) {}

  /** The principal of a key checked in the last 30 s, without waiting; undefined otherwise. */
  cached(header: string | string[] | undefined): Principal | undefined {
    if (typeof header !== "string") return undefined;
    const hit = this.known.get(header);
    return hit && Date.now() - hit.checked < freshMs ? hit.principal : undefined;
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
    const hit = this.known.get(key);
    if (hit && Date.now() - hit.checked < freshMs) return hit.principal;
    try {
      const principal = await this.auth.authenticate(key);
      if (this.known.size > 10_000) this.known.clear();
      this.known.set(key, { principal, checked: Date.now() });
      return principal;
    } catch (error) {
      const denied =
        error instanceof GenchiError &&
        (error.code === "GENCHI_UNAUTHORIZED" || error.code === "GENCHI_FORBIDDEN");
      if (!denied && hit) return hit.principal;
      throw error;
    }
  }
}
