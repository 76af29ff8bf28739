/**
 * `POST /api/v1/drift`: a DriftReport for a baseline (a stored dataset, or calls in the body)
 * against a window of production calls. Semantic drift is opt-in (`semantic: true`): the
 * offline model embeds up to `sample` texts per side, cached on disk next to the database.
 */
import { join } from "node:path";
import { type DriftReport, driftRequestSchema, GenchiError } from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";
import { cachedEmbedder } from "../../drift/cached-embedder.js";
import { datasetRecords, windowRecords } from "../../drift/drift-sources.js";
import { energeticEmbedder } from "../../drift/energetic-embedder.js";
import type { DriftRecord } from "../../drift/read-drift-file.js";
import { runDrift } from "../../drift/run-drift.js";
import type { AppContext } from "../app-context.js";
import { Authenticator } from "../authenticator.js";

export const driftRoutes: FastifyPluginAsync<{ context: AppContext; cacheDir?: string }> = async (
  app,
  { context, cacheDir },
) => {
  const embedder = cachedEmbedder(energeticEmbedder(), cacheDir ?? join(".genchi", "cache", "embeddings"));
  app.post("/api/v1/drift", { bodyLimit: 64 * 1024 * 1024 }, async (request): Promise<DriftReport> => {
    const principal = await context.auth.authenticate(Authenticator.keyOf(request));
    const parsed = driftRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new GenchiError("GENCHI_VALIDATION", `${issue.path.join(".") || "body"}: ${issue.message}`, {
        field: issue.path.join("."),
      });
    }
    const body = parsed.data;
    const baseline: DriftRecord[] =
      "dataset" in body.baseline
        ? await datasetRecords(context.store, principal.projectId, body.baseline.dataset)
        : body.baseline.calls.map((c) => ({ input: c.input, output: c.output }));
    const current = await windowRecords(context.store, principal.projectId, body.current);
    return runDrift(baseline, current, {
      embedder: body.semantic ? embedder : undefined,
      sample: body.sample,
      seed: body.seed,
    });
  });
};
