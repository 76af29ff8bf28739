/** The gateway feature. The logging gateway: OpenAI/Anthropic-compatible proxy, call log queue, crash spool, pins on the way. */
import type { Feature } from "../../platform/feature.js";
import type { Gateway } from "./gateway.js";
import type { GatewayAuth } from "./gateway-auth.js";

declare module "../../platform/services.js" {
  interface Services {
    /** The logging gateway and its cached key check; stopped when the app closes. */
    gateway: { gateway: Gateway; auth: GatewayAuth };
  }
}

export const gateway: Feature = {
  name: "gateway",
  load: async () => (await import("./gateway-module.js")).gatewayModule,
};
