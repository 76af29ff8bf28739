/**
 * The OpenAI Responses wire format (`POST /v1/responses`), as zod schemas of the vendor's JSON:
 * loose objects, so fields OpenAI adds later pass through. The recorded `__fixtures__` are
 * checked against them.
 */
import { z } from "zod";

const count = z.number().int().nonnegative();

export const openaiResponsesUsageSchema = z.looseObject({
  input_tokens: count,
  input_tokens_details: z.looseObject({ cached_tokens: count.nullish() }).nullish(),
  output_tokens: count,
  total_tokens: count.optional(),
});
export type OpenAIResponsesUsage = z.infer<typeof openaiResponsesUsageSchema>;

export const openaiResponsesItemSchema = z.union([
  z.looseObject({
    type: z.literal("message"),
    role: z.string(),
    content: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })),
  }),
  z.looseObject({
    type: z.literal("function_call"),
    call_id: z.string(),
    name: z.string(),
    arguments: z.string(),
  }),
  z.looseObject({ type: z.string() }),
]);

export const openaiResponseSchema = z.looseObject({
  id: z.string(),
  object: z.literal("response"),
  status: z.string(),
  model: z.string(),
  output: z.array(openaiResponsesItemSchema),
  usage: openaiResponsesUsageSchema.nullable(),
});
export type OpenAIResponse = z.infer<typeof openaiResponseSchema>;

/** One event of a `stream: true` response: every event has a `type` and a `sequence_number`. */
export const openaiResponsesEventSchema = z.looseObject({
  type: z.string().startsWith("response."),
  sequence_number: z.number().int().nonnegative(),
});

export const openaiResponsesRequestSchema = z.looseObject({
  model: z.string(),
  input: z.union([z.string(), z.array(z.looseObject({}))]),
  instructions: z.string().optional(),
  max_output_tokens: z.number().int().optional(),
  temperature: z.number().optional(),
  stream: z.boolean().optional(),
});
