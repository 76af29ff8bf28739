/** The keys feature. Project keys from the command line (`genchi keys`); keys themselves are platform (`platform/keys`). */
import type { Feature } from "../../platform/feature.js";

export const keys: Feature = {
  name: "keys",
  commands: [
    {
      name: "keys",
      term: "keys create|list|revoke",
      summary: "create, list and revoke project keys",
      load: async (host) => (await import("./keys-command.js")).keysCommand(host),
    },
  ],
};
