/**
 * Feedback: `POST /api/v1/feedback` (a secret or public key; 201, 200 on a retry, 202 when its
 * call has not arrived yet) and the dashboard's feedback reads.
 */
import { z } from "zod";
import { feedbackInSchema, feedbackSchema } from "../feedback.js";
import {
  feedbackSummaryQuerySchema,
  feedbackSummarySchema,
  feedbackTimeseriesQuerySchema,
  feedbackTimeseriesSchema,
} from "../stats.js";
import { defineEndpoint } from "./endpoint.js";

/** The stored feedback as answered: `pending` when its call is not there yet, warnings when any. */
export const feedbackPostedSchema = feedbackSchema.extend({
  pending: z.literal(true).optional(),
  warnings: z.array(z.string()).optional(),
});
export type FeedbackPosted = z.infer<typeof feedbackPostedSchema>;

export const feedbackApi = {
  post: defineEndpoint({
    method: "POST",
    path: "/api/v1/feedback",
    auth: "public",
    summary: "one feedback item, its label derived",
    body: feedbackInSchema,
    response: feedbackPostedSchema,
    statuses: [201, 200, 202],
  }),
  summary: defineEndpoint({
    method: "GET",
    path: "/api/v1/feedback/summary",
    auth: "secret",
    summary: "feedback counts by kind and label over a window",
    query: feedbackSummaryQuerySchema,
    response: feedbackSummarySchema,
  }),
  timeseries: defineEndpoint({
    method: "GET",
    path: "/api/v1/feedback/timeseries",
    auth: "secret",
    summary: "feedback labels per time bucket",
    query: feedbackTimeseriesQuerySchema,
    response: feedbackTimeseriesSchema,
  }),
} as const;
