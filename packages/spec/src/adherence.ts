/**
 * Structured-output adherence: how `generateObject` generations ended per route — valid on
 * the first try, valid after re-asks, or failed — read from the logged attempts.
 */
import { z } from "zod";
import { statsRangeSchema } from "./stats.js";

/** The tag the SDK puts on the final attempt of each `generateObject` generation. */
export const structuredFinalTag = "genchi:structured";

export const adherenceQuerySchema = statsRangeSchema.extend({
  route: z.string().max(512).optional(),
});
export type AdherenceQuery = z.infer<typeof adherenceQuerySchema>;

export const adherenceRowSchema = z.object({
  route: z.string().nullable(),
  firstTry: z.number().int(),
  afterRetries: z.number().int(),
  failed: z.number().int(),
  /** Generations whose model call itself failed; not counted in `rate`. */
  errors: z.number().int(),
  /** (firstTry + afterRetries) / (firstTry + afterRetries + failed); null without any. */
  rate: z.number().nullable(),
  /** firstTry / (firstTry + afterRetries + failed); null without any. */
  firstTryRate: z.number().nullable(),
});
export type AdherenceRow = z.infer<typeof adherenceRowSchema>;

/** `GET /api/v1/stats/adherence`: one row per route (busiest first) and the total. */
export const adherenceSchema = z.object({
  routes: z.array(adherenceRowSchema),
  total: adherenceRowSchema,
});
export type Adherence = z.infer<typeof adherenceSchema>;
