/** Chat messages as providers send them: a role, content (text or parts) and tool calls. */
import { z } from "zod";

export const toolCallSchema = z.looseObject({
  id: z.string().optional(),
  type: z.string().optional(),
  function: z
    .looseObject({
      name: z.string(),
      arguments: z.string().optional(),
    })
    .optional(),
});

export const contentPartSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
});

export const chatMessageSchema = z.looseObject({
  role: z.string().min(1).max(64),
  content: z.union([z.string(), z.array(contentPartSchema), z.null()]).optional(),
  name: z.string().optional(),
  tool_calls: z.array(toolCallSchema).optional(),
  tool_call_id: z.string().optional(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** What a call was asked: a prompt string or a list of chat messages. */
export const callInputSchema = z.union([z.string(), z.array(chatMessageSchema)]);
export type CallInput = z.infer<typeof callInputSchema>;

/** What a call answered: text, one assistant message, or nothing (an error). */
export const callOutputSchema = z.union([z.string(), chatMessageSchema, z.null()]);
export type CallOutput = z.infer<typeof callOutputSchema>;
