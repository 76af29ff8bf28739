/**
 * Services: everything the HTTP routes and the jobs are given — the store, the settings, the
 * key check, and each feature's services, built once by `app/build-services.ts` (the
 * composition root). Passed in, never imported globally; no route builds its own.
 *
 * The platform declares only what every feature stands on; each feature adds its own entry
 * from its `feature.ts` by declaration merging (`declare module "…/platform/services.js"`),
 * so this file names no feature and `services.review` is still typed.
 */

import type { ServerConfig } from "@genchi/spec";
import type { Authenticator } from "./http/authenticator.js";
import type { Store } from "./store/store.js";

export interface Services {
  store: Store;
  config: ServerConfig;
  /** Secret and public keys → principals (every authenticated route). */
  auth: Authenticator;
}
