/** The typed REST client of genchi (`createGenchiApi`) and its one error (`GenchiApiError`). */
export {
  type CallOptions,
  callEndpoint,
  type GenchiApiOptions,
  queryString,
  urlOf,
} from "./call-endpoint.js";
export { createGenchiApi, type EndpointMethod, type GenchiApi } from "./genchi-api.js";
export { GenchiApiError } from "./genchi-api-error.js";
