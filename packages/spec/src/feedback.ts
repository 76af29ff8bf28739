/** Feedback: an end user's signal on a call, explicit or implicit, with a derived label. */
import { z } from "zod";
import { callIdSchema } from "./call.js";
import { timestampSchema } from "./timestamp.js";

export const feedbackKinds = [
  "thumbs_up",
  "thumbs_down",
  "rating",
  "comment",
  "correction",
  "accept",
  "accept_edit",
  "ignore",
  "regenerate",
  "copy",
] as const;
export type FeedbackKind = (typeof feedbackKinds)[number];

export const feedbackLabels = ["strong_positive", "positive", "negative", "strong_negative"] as const;
export type FeedbackLabel = (typeof feedbackLabels)[number];

/** Feedback as a client sends it. `value` is the rating (1–5) for `rating`. */
export const feedbackInSchema = z.object({
  id: callIdSchema.optional(),
  callId: callIdSchema,
  kind: z.enum(feedbackKinds),
  value: z
    .union([z.number(), z.string().max(1000), z.boolean()])
    .nullable()
    .optional(),
  editedOutput: z.string().max(200_000).nullable().optional(),
  comment: z.string().max(10_000).nullable().optional(),
  userId: z.string().max(512).nullable().optional(),
  timestamp: timestampSchema.optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type FeedbackIn = z.infer<typeof feedbackInSchema>;

/** Stored feedback: the label is derived by genchi, never sent. */
export const feedbackSchema = z.object({
  id: z.string(),
  callId: z.string(),
  kind: z.enum(feedbackKinds),
  value: z.union([z.number(), z.string(), z.boolean()]).nullable(),
  editedOutput: z.string().nullable(),
  comment: z.string().nullable(),
  userId: z.string().nullable(),
  timestamp: z.iso.datetime({ offset: true }),
  label: z.enum(feedbackLabels).nullable(),
  metadata: z.record(z.string(), z.unknown()),
});
export type Feedback = z.infer<typeof feedbackSchema>;

export const feedbackInFields: ReadonlySet<string> = new Set(Object.keys(feedbackInSchema.shape));
