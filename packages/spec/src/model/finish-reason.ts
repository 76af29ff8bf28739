/** Why a model stopped, in one vocabulary whatever the wire dialect said. */
import { z } from "zod";

export const finishReasonSchema = z.enum([
  "stop",
  "length",
  "tool-calls",
  "content-filter",
  "error",
  "other",
]);
/** `stop` (natural end), `length` (token limit), `tool-calls`, `content-filter`, `error`, `other`. */
export type FinishReason = z.infer<typeof finishReasonSchema>;
