/**
 * A feature: one folder under `features/`, listed once in `features/index.ts`. The app builder,
 * both store backends (sub-stores and migrations), the job list and the `genchi` command loop
 * over that list. The descriptor is light — a name, its commands, and `load` for the rest — so
 * `genchi --help` reads every feature's commands without loading a route, a driver or a model.
 *
 * @example
 * export const review: Feature = {
 *   name: "review",
 *   load: async () => (await import("./review-module.js")).reviewModule,
 * };
 */
import type { FastifyInstance } from "fastify";
import type { FeatureCommand } from "./cli/command-host.js";
import type { Job } from "./jobs/job.js";
import type { ServerJobContext } from "./jobs/server-job-context.js";
import type { Services } from "./services.js";
import type { StorePart } from "./store/store-part.js";

/** A route plugin: registers the feature's endpoints on the app, with the services it is given. */
export type FeatureRoutes = (app: FastifyInstance, options: { services: Services }) => Promise<void>;

/** What a feature brings to a running server, loaded when a server or a store starts. */
export interface FeatureModule {
  /** Its share of the store: a sub-store on both backends, and their migrations. */
  store?: StorePart;
  /** Its route plugins, registered in this order. */
  routes?: readonly FeatureRoutes[];
  /** Its background jobs, built from the services (none when its settings turn them off). */
  jobs?(services: Services): Job<ServerJobContext>[];
}

export interface Feature {
  /** The folder name, the same in every package: `spec/src/<name>.ts`, `core/src/<name>/`, `web/src/<name>/`. */
  name: string;
  /** `genchi` subcommands, each loaded only when it runs. */
  commands?: readonly FeatureCommand[];
  /** Loads the feature's store part, routes and jobs. */
  load?(): Promise<FeatureModule>;
}
