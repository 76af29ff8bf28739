/** What a caller asks a model, independent of the wire dialect that carries it. */
import type { ChatMessage } from "../message.js";

export interface ModelRequest {
  /** The model id as the provider spells it (`gpt-4o-mini`, `claude-…`). */
  model: string;
  /** The conversation; `system` messages are moved where the dialect wants them. */
  messages: ChatMessage[];
  maxOutputTokens?: number | undefined;
  temperature?: number | undefined;
  /** Provider-specific body fields sent as they are (promptfoo's `config`, e.g. `top_p`). */
  extra?: Record<string, unknown> | undefined;
}
