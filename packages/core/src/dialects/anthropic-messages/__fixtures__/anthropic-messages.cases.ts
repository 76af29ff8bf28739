/** The Anthropic messages dialect's fixtures, read by hand. */
import type { DialectCase } from "../../dialect-case.js";
import { anthropicMessages } from "../anthropic-messages-dialect.js";
import {
  anthropicMessageSchema,
  anthropicRequestSchema,
  anthropicStreamEventSchema,
} from "../anthropic-messages-wire.js";

const model = "claude-3-5-sonnet-20241022";
const weather = { name: "get_weather", arguments: '{"city": "Paris"}' };

export const anthropicMessagesCase: DialectCase = {
  dialect: anthropicMessages,
  fixtures: new URL("./", import.meta.url),
  responses: [
    {
      file: "anthropic-message.json",
      schema: anthropicMessageSchema,
      fields: {
        output: { role: "assistant", content: "Hello! How can I help you today?" },
        usage: { inputTokens: 12, outputTokens: 12, cachedInputTokens: 0 },
        model,
        finishReason: "end_turn",
      },
      finish: "stop",
    },
    {
      file: "anthropic-message-tool-use.json",
      schema: anthropicMessageSchema,
      fields: {
        output: {
          role: "assistant",
          content: null,
          // `input` written back as JSON text
          tool_calls: [
            {
              id: "toolu_01A09q90qw90lq917835lq9",
              type: "function",
              function: { name: "get_weather", arguments: '{"city":"Paris"}' },
            },
          ],
        },
        usage: { inputTokens: 384, outputTokens: 45, cachedInputTokens: 0 },
        model,
        finishReason: "tool_use",
      },
      finish: "tool-calls",
    },
  ],
  streams: [
    {
      file: "anthropic-message-stream.txt",
      schema: anthropicStreamEventSchema,
      // input 12 from message_start, output 6 from message_delta; "Hello" + "!"
      fields: {
        output: { role: "assistant", content: "Hello!" },
        usage: { inputTokens: 12, outputTokens: 6, cachedInputTokens: 0 },
        model,
        finishReason: "end_turn",
      },
      contentEvents: 2,
    },
    {
      file: "anthropic-message-stream-tool-use.txt",
      schema: anthropicStreamEventSchema,
      // the empty partial_json delta carries nothing; the arguments are the streamed text as sent
      fields: {
        output: {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", type: "function", function: weather }],
        },
        usage: { inputTokens: 384, outputTokens: 45, cachedInputTokens: 0 },
        model,
        finishReason: "tool_use",
      },
      // both content_block_delta events count, the empty one included
      contentEvents: 2,
    },
  ],
  requests: [
    {
      body: { model: "claude-x", max_tokens: 10, system: "Be brief.", messages: [{ role: "user", content: "hi" }] },
      schema: anthropicRequestSchema,
      input: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "hi" },
      ],
    },
    {
      body: {
        model: "claude-x",
        max_tokens: 10,
        system: [{ type: "text", text: "Be brief." }],
        messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
      },
      schema: anthropicRequestSchema,
      input: [
        { role: "system", content: [{ type: "text", text: "Be brief." }] },
        { role: "user", content: [{ type: "text", text: "hi" }] },
      ],
    },
  ],
  writes: [
    {
      request: {
        model: "claude-x",
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "hi" },
        ],
        temperature: 0,
        extra: { response_format: { type: "json_object" } },
      },
      body: {
        model: "claude-x",
        max_tokens: 1024,
        messages: [{ role: "user", content: "hi" }],
        system: "Be brief.",
        temperature: 0,
      },
    },
    {
      request: { model: "claude-x", messages: [{ role: "user", content: "hi" }], maxOutputTokens: 64 },
      body: { model: "claude-x", max_tokens: 64, messages: [{ role: "user", content: "hi" }] },
    },
  ],
};
