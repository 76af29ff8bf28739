/** The OpenAI Responses dialect and its parts. */
export { mapOpenAIResponsesFinishReason } from "./map-openai-responses-finish-reason.js";
export { openaiResponses } from "./openai-responses-dialect.js";
export { isOpenAIResponsesContent, OpenAIResponsesStreamFold } from "./openai-responses-stream.js";
export { openaiResponsesUsage } from "./openai-responses-usage.js";
/** The wire schemas load zod's schema builders (~20 ms): types here, the schemas from the file itself. */
export type * from "./openai-responses-wire.js";
export { readOpenAIResponsesRequest, readOpenAIResponsesResponse } from "./read-openai-responses.js";
export { writeOpenAIResponsesRequest } from "./write-openai-responses.js";
export { writeOpenAIResponsesUsage } from "./write-openai-responses-usage.js";
