/** The gateway's public surface for other features. */
export { configPinSource, Gateway } from "./gateway.js";
export type { PinSource } from "./gateway-proxy.js";
export { StorePinSource } from "./store-pin-source.js";
