/** The OpenAI chat dialect's fixtures, read by hand. */
import type { DialectCase } from "../../dialect-case.js";
import { openaiChat } from "../openai-chat-dialect.js";
import { openaiChatChunkSchema, openaiChatCompletionSchema, openaiChatRequestSchema } from "../openai-chat-wire.js";

const model = "gpt-4o-mini-2024-07-18";
const weather = { name: "get_weather", arguments: '{"city":"Paris"}' };

export const openaiChatCase: DialectCase = {
  dialect: openaiChat,
  fixtures: new URL("./", import.meta.url),
  responses: [
    {
      file: "openai-chat-completion.json",
      schema: openaiChatCompletionSchema,
      fields: {
        output: { role: "assistant", content: "Hello! How can I assist you today?" },
        usage: { inputTokens: 19, outputTokens: 10, cachedInputTokens: 0 },
        model,
        finishReason: "stop",
      },
      finish: "stop",
    },
    {
      file: "openai-chat-completion-tool-calls.json",
      schema: openaiChatCompletionSchema,
      fields: {
        output: {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "call_Qt6mWXeYpJv9BtcQhL2N1rGz", type: "function", function: weather }],
        },
        usage: { inputTokens: 57, outputTokens: 15, cachedInputTokens: 0 },
        model,
        finishReason: "tool_calls",
      },
      finish: "tool-calls",
    },
  ],
  streams: [
    {
      file: "openai-chat-completion-stream.txt",
      schema: openaiChatChunkSchema,
      // "Hello" + "!"; usage from the last chunk (include_usage)
      fields: {
        output: { role: "assistant", content: "Hello!" },
        usage: { inputTokens: 9, outputTokens: 2, cachedInputTokens: 0 },
        model,
        finishReason: "stop",
      },
      contentEvents: 2,
    },
    {
      file: "openai-chat-completion-stream-tool-calls.txt",
      schema: openaiChatChunkSchema,
      // the opening chunk names the call, two chunks carry `{"` and `city":"Paris"}`; no usage chunk
      fields: {
        output: {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "call_7bTzj3Y0a1hXbqAqWm8v2sJd", type: "function", function: weather }],
        },
        usage: null,
        model,
        finishReason: "tool_calls",
      },
      contentEvents: 3,
    },
  ],
  requests: [
    {
      body: { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] },
      schema: openaiChatRequestSchema,
      input: [{ role: "user", content: "hi" }],
    },
    { body: { model: "gpt-4o-mini", messages: "hi" }, input: '{"model":"gpt-4o-mini","messages":"hi"}' },
  ],
  writes: [
    {
      request: { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], temperature: 0 },
      body: { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], temperature: 0 },
    },
    {
      request: {
        model: "m",
        messages: [],
        maxOutputTokens: 5,
        extra: { max_tokens: 7, top_p: 0.5 },
      },
      body: { model: "m", messages: [], max_tokens: 7, top_p: 0.5 },
    },
  ],
};
