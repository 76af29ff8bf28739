/** genchi.yaml: the server's settings file, section by section. */
export * from "./drift-config.js";
export * from "./gateway-config.js";
export * from "./server-config.js";
