/** Query parameters of `GET /api/v1/calls` and the page it returns. */
import { z } from "zod";
import { callSchema, callStatuses } from "./call.js";
import { feedbackLabels, feedbackSchema } from "./feedback.js";

export const callsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(200).optional(),
  route: z.string().max(512).optional(),
  model: z.string().max(512).optional(),
  status: z.enum(callStatuses).optional(),
  userId: z.string().max(512).optional(),
  sessionId: z.string().max(512).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  q: z.string().max(500).optional(),
  /** Calls whose tags contain this tag. */
  tag: z.string().max(512).optional(),
  /** Calls with at least one feedback of this derived label. */
  label: z.enum(feedbackLabels).optional(),
});
export type CallsQuery = z.infer<typeof callsQuerySchema>;

export const callsPageSchema = z.object({
  data: z.array(callSchema),
  nextCursor: z.string().nullable(),
});
export type CallsPage = z.infer<typeof callsPageSchema>;

/** One call with everything attached to it. */
export const callDetailSchema = callSchema.extend({
  feedback: z.array(feedbackSchema),
  annotations: z.array(z.record(z.string(), z.unknown())),
});
export type CallDetail = z.infer<typeof callDetailSchema>;
