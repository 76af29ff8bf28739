/** The OpenAI embeddings dialect and its parts. */
export { openaiEmbeddings } from "./openai-embeddings-dialect.js";
export { openaiEmbeddingsUsage } from "./openai-embeddings-usage.js";
export * from "./openai-embeddings-wire.js";
export {
  readEmbeddingVectors,
  readOpenAIEmbeddingsRequest,
  readOpenAIEmbeddingsResponse,
} from "./read-openai-embeddings.js";
export {
  writeOpenAIEmbeddingsModelRequest,
  writeOpenAIEmbeddingsRequest,
} from "./write-openai-embeddings.js";
