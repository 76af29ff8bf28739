/** The OpenAI embeddings dialect and its parts. */
export { openaiEmbeddings } from "./openai-embeddings-dialect.js";
export { openaiEmbeddingsUsage } from "./openai-embeddings-usage.js";
/** The wire schemas load zod's schema builders (~20 ms): types here, the schemas from the file itself. */
export type * from "./openai-embeddings-wire.js";
export {
  readEmbeddingVectors,
  readOpenAIEmbeddingsRequest,
  readOpenAIEmbeddingsResponse,
} from "./read-openai-embeddings.js";
export {
  writeOpenAIEmbeddingsModelRequest,
  writeOpenAIEmbeddingsRequest,
} from "./write-openai-embeddings.js";
export { writeOpenAIEmbeddingsUsage } from "./write-openai-embeddings-usage.js";
