/**
 * The four ways of asking an OpenAI-compatible chat endpoint for JSON, as data: what each
 * adds to the request and where each finds the JSON text in the completion.
 */
import { openaiChat } from "@genchi/core/dialects";
import type { ChatCompletionLike } from "../openai-shapes.js";
import type { JsonSchema } from "./object-schema.js";

/**
 * `json_schema`: provider-native `response_format: {type: "json_schema"}`, strict where the
 * provider supports it (see `provider-capabilities.ts`);
 * `tool`: a forced call of one function whose parameters are the schema;
 * `json`: JSON mode (`response_format: {type: "json_object"}`) plus the schema in the prompt;
 * `md_json`: the schema in the prompt and the answer in a fenced ```json block.
 */
export type StructuredMode = "json_schema" | "tool" | "json" | "md_json";

export const structuredModes: readonly StructuredMode[] = ["json_schema", "tool", "json", "md_json"];

export interface ModeRequest {
  /** Fields merged into the chat request. */
  params: Record<string, unknown>;
  /** A system message to prepend, if the mode needs the schema spelled out. */
  instruction?: string;
}

function schemaText(schema: JsonSchema): string {
  return JSON.stringify(schema);
}

/**
 * What a mode adds to the request. `strict` (json_schema only) is sent when given: true asks
 * for OpenAI strict structured outputs, for which `schema` must already be in strict form.
 */
export function modeRequest(
  mode: StructuredMode,
  name: string,
  schema: JsonSchema,
  strict?: boolean,
): ModeRequest {
  switch (mode) {
    case "json_schema":
      return {
        params: {
          response_format: {
            type: "json_schema",
            json_schema: { name, schema, ...(strict !== undefined ? { strict } : {}) },
          },
        },
      };
    case "tool":
      return {
        params: {
          tools: [
            { type: "function", function: { name, description: `Return the ${name}.`, parameters: schema } },
          ],
          tool_choice: { type: "function", function: { name } },
        },
      };
    case "json":
      return {
        params: { response_format: { type: "json_object" } },
        instruction: `Reply with one JSON object that matches this JSON Schema, and nothing else:\n${schemaText(schema)}`,
      };
    case "md_json":
      return {
        params: {},
        instruction: `Reply with one JSON value that matches this JSON Schema, inside a \`\`\`json fenced block:\n${schemaText(schema)}`,
      };
  }
}

/** The raw JSON text a completion carries in this mode, or null when it has none. */
export function modeOutput(mode: StructuredMode, completion: ChatCompletionLike): string | null {
  const message = openaiChat.readResponse(completion).output;
  if (message === null || typeof message !== "object") return null;
  if (mode === "tool") {
    const args = message.tool_calls?.[0]?.function?.arguments;
    if (typeof args === "string") return args;
  }
  return typeof message.content === "string" ? message.content : null;
}
