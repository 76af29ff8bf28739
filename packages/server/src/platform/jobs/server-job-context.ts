/** What the server's jobs are given to run: the store, and a line printer (silent when quiet). */
import type { Store } from "../store/store.js";

export interface ServerJobContext {
  store: Store;
  log: (line: string) => void;
}
