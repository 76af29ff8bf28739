/**
 * `POST /api/v1/feedback`: one feedback item; 201 with the stored feedback and its derived
 * label, 404 when the project has no such call. A public (write-only) key may use this route
 * and nothing else; its posts are rate-limited per key and client address (429 with
 * `retry-after`), and the route answers CORS so a web page on another origin can post.
 */
import rateLimit from "@fastify/rate-limit";
import { GenchiError } from "@genchi/spec";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { normalizeFeedback } from "../../services/normalize-feedback.js";
import { hashKey } from "../../services/project-keys.js";
import { assertJsonDepth } from "../../util/json-depth.js";
import type { AppContext } from "../app-context.js";
import { Authenticator, type Principal } from "../authenticator.js";

/** Feedback posts allowed per public key and client address per minute. */
export const publicFeedbackPerMinute = 60;

const corsHeaders = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "POST, OPTIONS",
  "access-control-allow-headers": "authorization, content-type, x-genchi-key",
  "access-control-expose-headers": "retry-after",
  "access-control-max-age": "600",
};

export const feedbackRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const principals = new WeakMap<FastifyRequest, Principal>();
  await app.register(rateLimit, {
    global: false,
    hook: "preHandler",
    errorResponseBuilder: (_request, limit) =>
      new GenchiError(
        "GENCHI_RATE_LIMITED",
        `too much feedback from this page: at most ${limit.max} per minute; retry in ${limit.after}`,
      ),
  });
  app.addHook("onSend", async (_request, reply) => {
    reply.headers(corsHeaders);
  });

  app.options("/api/v1/feedback", async (_request, reply) => reply.code(204).send());

  app.post(
    "/api/v1/feedback",
    {
      onRequest: async (request) => {
        const key = Authenticator.keyOf(request);
        principals.set(request, await context.auth.authenticate(key, ["secret", "public"]));
      },
      config: {
        rateLimit: {
          max: publicFeedbackPerMinute,
          timeWindow: 60_000,
          keyGenerator: (request: FastifyRequest) =>
            `${hashKey(Authenticator.keyOf(request) ?? "")}:${request.ip}`,
          allowList: (request: FastifyRequest) => principals.get(request)?.keyKind !== "public",
        },
      },
    },
    async (request, reply) => {
      const principal = principals.get(request)!;
      assertJsonDepth(request.body, "the body");
      const n = normalizeFeedback(request.body);
      if (!n.ok)
        throw new GenchiError(n.error.code, n.error.message, n.error.field ? { field: n.error.field } : {});
      if (!(await context.store.getCall(principal.projectId, n.value.callId))) {
        throw new GenchiError(
          "GENCHI_NOT_FOUND",
          `no call '${n.value.callId}' in this project (yet): log the call before its feedback, or send both through POST /api/v1/ingest`,
          { field: "callId" },
        );
      }
      const [outcome] = await context.store.insertFeedback(principal.projectId, [n.value]);
      const warnings = [...n.warnings];
      return reply
        .code(outcome === "duplicate" ? 200 : 201)
        .send({ ...n.value, ...(warnings.length ? { warnings } : {}) });
    },
  );
};
