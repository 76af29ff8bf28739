/** @genchi/server — storage, services, HTTP and the `genchi` CLI. */
export { main } from "./app/main.js";
export { openStore } from "./app/open-store.js";
export { type RunningServer, type StartServerOptions, startServer } from "./app/start-server.js";
export type { Store } from "./platform/store/store.js";
