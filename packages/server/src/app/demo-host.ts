/**
 * What `genchi serve --demo` hands `@genchi/demo` (its `DemoHost`, matched by shape: product code
 * imports the demo only in serve-command's `--demo` branch): the server's URL, and project
 * `default`'s calls and key, which the demo cannot get over HTTP without a key.
 */

import { displayPrefix, generateKey, hashKey } from "../platform/keys/project-keys.js";
import type { RunningServer } from "./start-server.js";

/** @example await startDemo(demoHost(server)) */
export function demoHost(server: RunningServer) {
  const project = () => server.store.ensureProject("default");
  return {
    url: server.url,
    countDefaultCalls: async (): Promise<number> => server.store.countCalls((await project()).id),
    async defaultSecretKey(): Promise<string> {
      if (server.defaultKey) return server.defaultKey;
      const key = generateKey("secret");
      await server.store.createKey({
        projectId: (await project()).id,
        kind: "secret",
        hash: hashKey(key),
        prefix: displayPrefix(key),
        name: "demo",
      });
      return key;
    },
  };
}
