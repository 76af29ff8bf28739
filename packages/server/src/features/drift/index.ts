/** The drift feature's public surface for other features: the holdout refresh, time windows and embedders. */
export { cachedEmbedder } from "./embedders/cached-embedder.js";
export type { Embedder } from "./embedders/embedder.js";
export { energeticEmbedder } from "./embedders/energetic-embedder.js";
export { type RefreshHoldoutOptions, type RefreshHoldoutResult, refreshHoldout } from "./refresh-holdout.js";
export { sinceInstant } from "./since-window.js";
