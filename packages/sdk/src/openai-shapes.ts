/**
 * The parts of the `openai` client (v4–v6) that the wrapper touches, typed structurally so
 * the SDK never imports `openai` at runtime.
 */

export interface OpenAIUsageLike {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
}

export interface ChatMessageLike {
  role: string;
  content?: unknown;
  tool_calls?: unknown[];
  [key: string]: unknown;
}

export interface ChatCompletionLike {
  model?: string;
  choices?: Array<{ message?: ChatMessageLike; finish_reason?: string | null }>;
  usage?: OpenAIUsageLike | null;
}

export interface ToolCallDeltaLike {
  index?: number;
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

export interface ChatCompletionChunkLike {
  model?: string;
  choices?: Array<{
    index?: number;
    delta?: {
      role?: string;
      content?: string | null;
      refusal?: string | null;
      tool_calls?: ToolCallDeltaLike[];
    };
    finish_reason?: string | null;
  }>;
  usage?: OpenAIUsageLike | null;
}

export interface ChatCreateParamsLike {
  model?: string;
  messages?: unknown;
  stream?: boolean | null;
}

/** Anything with `chat.completions.create`: the official client, or a compatible one. */
export interface OpenAIClientLike {
  chat: { completions: { create: (...args: never[]) => unknown } };
}
