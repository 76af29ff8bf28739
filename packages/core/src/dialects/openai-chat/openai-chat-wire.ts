/**
 * The OpenAI chat completions wire format (`POST /v1/chat/completions`), as zod schemas of the
 * vendor's JSON: loose objects, so fields OpenAI adds later pass through. The recorded
 * `__fixtures__` are checked against them.
 */
import { z } from "zod";

const count = z.number().int().nonnegative();

export const openaiChatUsageSchema = z.looseObject({
  prompt_tokens: count,
  completion_tokens: count.optional(),
  total_tokens: count.optional(),
  prompt_tokens_details: z.looseObject({ cached_tokens: count.nullish() }).nullish(),
});
export type OpenAIChatUsage = z.infer<typeof openaiChatUsageSchema>;

const toolCallSchema = z.looseObject({
  id: z.string().optional(),
  type: z.string().optional(),
  function: z.looseObject({ name: z.string().optional(), arguments: z.string().optional() }).optional(),
});

export const openaiChatCompletionSchema = z.looseObject({
  id: z.string(),
  object: z.literal("chat.completion"),
  model: z.string(),
  choices: z.array(
    z.looseObject({
      index: z.number().int(),
      message: z.looseObject({
        role: z.string(),
        content: z.string().nullable(),
        refusal: z.string().nullish(),
        tool_calls: z.array(toolCallSchema).optional(),
      }),
      finish_reason: z.string().nullable(),
    }),
  ),
  usage: openaiChatUsageSchema.nullish(),
});
export type OpenAIChatCompletion = z.infer<typeof openaiChatCompletionSchema>;

export const openaiChatChunkSchema = z.looseObject({
  id: z.string(),
  object: z.literal("chat.completion.chunk"),
  model: z.string(),
  choices: z.array(
    z.looseObject({
      index: z.number().int(),
      delta: z.looseObject({
        role: z.string().optional(),
        content: z.string().nullish(),
        refusal: z.string().nullish(),
        tool_calls: z.array(toolCallSchema.extend({ index: z.number().int().optional() })).optional(),
      }),
      finish_reason: z.string().nullable(),
    }),
  ),
  usage: openaiChatUsageSchema.nullish(),
});
export type OpenAIChatChunk = z.infer<typeof openaiChatChunkSchema>;

export const openaiChatRequestSchema = z.looseObject({
  model: z.string(),
  messages: z.array(z.looseObject({ role: z.string() })),
  max_tokens: z.number().int().optional(),
  temperature: z.number().optional(),
  stream: z.boolean().optional(),
});
