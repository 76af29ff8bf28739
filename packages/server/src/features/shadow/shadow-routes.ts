/**
 * Shadow endpoints: the routes whose traffic is mirrored to a candidate, per project
 * (`GET /api/v1/shadow/routes`, `GET|PUT|DELETE /api/v1/shadow/routes/:route`; the API's route
 * wins over the config file's of the same name) and the report (`GET /api/v1/shadow/report?route=R`,
 * with the route's eval-suite assertions on both sides when it names a suite).
 */
import { isAbsolute, relative, resolve } from "node:path";
import { api, GenchiError } from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";
import { mount } from "../../platform/http/mount.js";
import type { Services } from "../../platform/services.js";
import { shadowReport } from "./shadow-report.js";
import { loadShadowSuite } from "./shadow-suite.js";

export const shadowRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const routes = services.models.shadowRoutes;

  mount(app, services, api.shadow.routes, async ({ principal }) => ({
    data: await routes.load(principal.projectId),
  }));

  mount(app, services, api.shadow.route, async ({ principal, params: { route: name } }) => {
    const found = (await routes.load(principal.projectId)).find((r) => r.route === name);
    if (!found)
      throw new GenchiError(
        "GENCHI_NOT_FOUND",
        `no shadow route '${name}'; GET /api/v1/shadow/routes lists them, PUT creates one`,
      );
    return found;
  });

  mount(
    app,
    services,
    api.shadow.putRoute,
    async ({ principal: { projectId }, params: { route: name }, body }) => {
      const route = { route: name, ...body };
      if (route.suite !== null) {
        // Through the API a suite must live under the server's working folder: a project key may
        // not make the server read (and run the JavaScript of) any YAML file on the machine.
        const inside = relative(process.cwd(), resolve(process.cwd(), route.suite));
        if (inside.startsWith("..") || isAbsolute(inside)) {
          throw new GenchiError(
            "GENCHI_VALIDATION",
            `suite: '${route.suite}' is outside the server's working folder; give a path relative to it, e.g. evals/categorize.yaml`,
          );
        }
        try {
          loadShadowSuite(route.suite);
        } catch (error) {
          throw new GenchiError(
            "GENCHI_VALIDATION",
            `suite: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
      await services.store.models.putShadowRoute(projectId, route);
      await routes.load(projectId);
      return { ...route, origin: "api" as const };
    },
    {
      example: '{"candidate":"gpt-4.1-nano","sampleRate":0.1,"suite":"evals/categorize.yaml"}',
      field: "never",
    },
  );

  mount(
    app,
    services,
    api.shadow.deleteRoute,
    async ({ principal: { projectId }, params: { route: name }, reply }) => {
      if (!(await services.store.models.deleteShadowRoute(projectId, name))) {
        const inConfig = services.config.models.shadow.some((r) => r.route === name);
        throw new GenchiError(
          "GENCHI_NOT_FOUND",
          inConfig
            ? `shadow route '${name}' comes from the config file (models.shadow); edit the file, or PUT one with sampleRate 0 to switch it off`
            : `no shadow route '${name}' set through the API; GET /api/v1/shadow/routes lists them`,
        );
      }
      await routes.load(projectId);
      return reply.code(204).send();
    },
  );

  mount(
    app,
    services,
    api.shadow.report,
    async ({ principal: { projectId }, query: { route } }) => {
      const suite = (await routes.load(projectId)).find((r) => r.route === route)?.suite ?? null;
      return shadowReport(services.store, projectId, route, { suite });
    },
    {
      invalid: () =>
        new GenchiError("GENCHI_BAD_REQUEST", "name the route: GET /api/v1/shadow/report?route=categorize"),
    },
  );
};
