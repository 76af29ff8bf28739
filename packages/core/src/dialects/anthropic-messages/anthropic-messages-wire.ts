/**
 * The Anthropic messages wire format (`POST /v1/messages`), as zod schemas of the vendor's
 * JSON: loose objects, so fields Anthropic adds later pass through. The recorded
 * `__fixtures__` are checked against them.
 */
import { z } from "zod";

const count = z.number().int().nonnegative();

export const anthropicUsageSchema = z.looseObject({
  input_tokens: count.optional(),
  output_tokens: count,
  cache_creation_input_tokens: count.nullish(),
  cache_read_input_tokens: count.nullish(),
});
export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;

export const anthropicBlockSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  id: z.string().optional(),
  name: z.string().optional(),
  input: z.unknown().optional(),
});
export type AnthropicBlock = z.infer<typeof anthropicBlockSchema>;

export const anthropicMessageSchema = z.looseObject({
  id: z.string(),
  type: z.literal("message"),
  role: z.literal("assistant"),
  model: z.string(),
  content: z.array(anthropicBlockSchema),
  stop_reason: z.string().nullable(),
  usage: anthropicUsageSchema,
});
export type AnthropicMessage = z.infer<typeof anthropicMessageSchema>;

/** One event of a `stream: true` reply. */
export const anthropicStreamEventSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("message_start"), message: anthropicMessageSchema }),
  z.looseObject({
    type: z.literal("content_block_start"),
    index: z.number().int(),
    content_block: anthropicBlockSchema,
  }),
  z.looseObject({
    type: z.literal("content_block_delta"),
    index: z.number().int(),
    delta: z.looseObject({
      type: z.string(),
      text: z.string().optional(),
      partial_json: z.string().optional(),
    }),
  }),
  z.looseObject({ type: z.literal("content_block_stop"), index: z.number().int() }),
  z.looseObject({
    type: z.literal("message_delta"),
    delta: z.looseObject({ stop_reason: z.string().nullable() }),
    usage: anthropicUsageSchema,
  }),
  z.looseObject({ type: z.literal("message_stop") }),
  z.looseObject({ type: z.literal("ping") }),
]);
export type AnthropicStreamEvent = z.infer<typeof anthropicStreamEventSchema>;

export const anthropicRequestSchema = z.looseObject({
  model: z.string(),
  max_tokens: z.number().int().positive(),
  messages: z.array(z.looseObject({ role: z.string() })),
  system: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]).optional(),
  temperature: z.number().optional(),
  stream: z.boolean().optional(),
});
