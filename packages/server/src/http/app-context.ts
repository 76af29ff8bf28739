/** What every route needs: the store, the services and the settings. Passed in, never imported globally. */
import type { ServerConfig } from "../config/server-config.js";
import type { IngestService } from "../services/ingest-service.js";
import type { Store } from "../store/store.js";
import type { Authenticator } from "./authenticator.js";

export interface AppContext {
  store: Store;
  config: ServerConfig;
  auth: Authenticator;
  ingest: IngestService;
}
