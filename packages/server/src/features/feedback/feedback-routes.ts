/**
 * `POST /api/v1/feedback`: one feedback item; 201 with the stored feedback and its derived
 * label (200 when its `id` was stored before: a retry). Feedback for a call the project does not
 * have yet is held, as ingest holds it: 202 with `pending: true`; it joins the call when the call
 * arrives (the gateway and OTLP exporters log calls a little after answering), and is deleted
 * when no call has come within `feedbackHoldHours` (default 24). A public (write-only) key may use this route
 * and nothing else; its posts are rate-limited per key and client address (429 with
 * `retry-after`), and the route answers CORS so a web page on another origin can post.
 */
import rateLimit from "@fastify/rate-limit";
import { api, GenchiError } from "@genchi/spec";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { Authenticator, type Principal } from "../../platform/http/authenticator.js";
import { hashKey } from "../../platform/keys/project-keys.js";
import type { Services } from "../../platform/services.js";
import { assertJsonDepth } from "../../platform/util/json-depth.js";
import { normalizeFeedback } from "../calls/index.js";

/** Feedback posts allowed per public key and client address per minute. */
export const publicFeedbackPerMinute = 60;

const corsHeaders = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "POST, OPTIONS",
  "access-control-allow-headers": "authorization, content-type, x-genchi-key",
  "access-control-expose-headers": "retry-after",
  "access-control-max-age": "600",
};

export const feedbackRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
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

  // Not through mount: the key is checked in onRequest, before the rate limit (which spares secret
  // keys), and the body goes to normalizeFeedback whole so unknown fields come back as warnings.
  const { path } = api.feedback.post;
  app.options(path, async (_request, reply) => reply.code(204).send());

  app.post(
    path,
    {
      onRequest: async (request) => {
        const key = Authenticator.keyOf(request);
        principals.set(request, await services.auth.authenticate(key, ["secret", "public"]));
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
      const pending = !(await services.store.getCall(principal.projectId, n.value.callId));
      const [outcome] = await services.store.insertFeedback(principal.projectId, [n.value]);
      const warnings = [...n.warnings];
      if (pending) {
        warnings.push(
          `no call '${n.value.callId}' in this project yet: the feedback is held and joins the call when it arrives; it is deleted if no such call arrives within ${services.config.feedbackHoldHours} hours`,
        );
      }
      const status = outcome === "duplicate" ? 200 : pending ? 202 : 201;
      return reply.code(status).send({
        ...n.value,
        ...(pending ? { pending: true } : {}),
        ...(warnings.length ? { warnings } : {}),
      });
    },
  );
};
