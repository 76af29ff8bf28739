/** Server-sent events: the wire format both OpenAI and Anthropic stream in (from the core dialects). */
export { formatSse, parseSse, type SseEvent } from "@genchi/core/dialects";
