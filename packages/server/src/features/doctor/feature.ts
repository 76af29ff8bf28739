/** The doctor feature: `genchi doctor` checks a setup before it is served (config, database, upstream keys, port). */
import type { Feature } from "../../platform/feature.js";

export const doctor: Feature = {
  name: "doctor",
  commands: [
    {
      name: "doctor",
      term: "doctor [options]",
      summary: "check a setup: config file, database and schema, upstream keys, port",
      load: async (host) => (await import("./doctor-command.js")).doctorCommand(host),
    },
  ],
};
