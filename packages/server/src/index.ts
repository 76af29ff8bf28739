/** @genchi/server — storage, services, HTTP and the `genchi` CLI. */
export { main } from "./cli/main.js";
export { type RunningServer, type StartServerOptions, startServer } from "./server/start-server.js";
export { openStore } from "./store/open-store.js";
export type { Store } from "./store/store.js";
