/** The shadow feature's public surface for other features. */
export { mergeShadowRoutes, StoreShadowRouteSource } from "./shadow-route-source.js";
