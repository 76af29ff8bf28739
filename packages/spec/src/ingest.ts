/** The ingest batch (`POST /api/v1/ingest`) and its per-item results (HTTP 207). */
import { z } from "zod";
import { errorCodes } from "./errors.js";

export const ingestRequestSchema = z.object({
  calls: z.array(z.unknown()).max(10_000).optional(),
  feedback: z.array(z.unknown()).max(10_000).optional(),
});
export type IngestRequest = z.infer<typeof ingestRequestSchema>;

export const ingestItemStatuses = ["stored", "duplicate", "rejected"] as const;

export const ingestItemResultSchema = z.object({
  type: z.enum(["call", "feedback"]),
  index: z.number().int(),
  status: z.enum(ingestItemStatuses),
  id: z.string().optional(),
  error: z.object({ code: z.enum(errorCodes), message: z.string(), field: z.string().optional() }).optional(),
  warnings: z.array(z.string()).optional(),
});
export type IngestItemResult = z.infer<typeof ingestItemResultSchema>;

export const ingestResponseSchema = z.object({
  results: z.array(ingestItemResultSchema),
  stored: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
});
export type IngestResponse = z.infer<typeof ingestResponseSchema>;
