/**
 * Drift between what you test on (baseline) and what production sends (current): text
 * descriptors, Evidently's default tests, and semantic drift over embeddings.
 * Importable alone as `@genchi/core/drift` (it bundles an English word list).
 */

export * from "../random/seeded-random.js";
export * from "./binning.js";
export * from "./casing.js";
export * from "./categorical-tests.js";
export * from "./centroid-drift.js";
export * from "./cluster-embeddings.js";
export * from "./compare-descriptor.js";
export * from "./descriptor-applicability.js";
export * from "./detect-language.js";
export * from "./distinctive-terms.js";
export * from "./domain-classifier.js";
export * from "./effect-size.js";
export * from "./fragment-rate.js";
export * from "./holm-adjust.js";
export * from "./json-shape.js";
export * from "./numeric-tests.js";
export * from "./principal-components.js";
export * from "./record-text.js";
export * from "./semantic-drift.js";
export * from "./structural-drift.js";
export {
  type DescriptorFamily,
  type DescriptorKind,
  type DescriptorValues,
  describeText,
  type TextDescriptor,
  textDescriptors,
} from "./text-descriptors.js";
export * from "./typo-rate.js";
export * from "./vectors.js";
export * from "./xml-valid.js";
