/**
 * The OpenAI embeddings wire format (`POST /v1/embeddings`), as zod schemas of the vendor's
 * JSON. The recorded `__fixtures__` are checked against them.
 */
import { z } from "zod";

const count = z.number().int().nonnegative();

export const openaiEmbeddingsUsageSchema = z.looseObject({ prompt_tokens: count, total_tokens: count });

export const openaiEmbeddingsResponseSchema = z.looseObject({
  object: z.literal("list"),
  data: z.array(
    z.looseObject({
      object: z.literal("embedding"),
      index: z.number().int().nonnegative(),
      embedding: z.union([z.array(z.number()), z.string()]),
    }),
  ),
  model: z.string(),
  usage: openaiEmbeddingsUsageSchema,
});
export type OpenAIEmbeddingsResponse = z.infer<typeof openaiEmbeddingsResponseSchema>;

export const openaiEmbeddingsRequestSchema = z.looseObject({
  model: z.string(),
  input: z.union([z.string(), z.array(z.string()), z.array(z.number()), z.array(z.array(z.number()))]),
  dimensions: z.number().int().positive().optional(),
  encoding_format: z.enum(["float", "base64"]).optional(),
});
