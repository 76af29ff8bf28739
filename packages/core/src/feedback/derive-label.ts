/** Derives a feedback label from its kind (and, for ratings, its value). */
import type { FeedbackKind, FeedbackLabel } from "@genchi/spec";

const labelByKind: Partial<Record<FeedbackKind, FeedbackLabel>> = {
  accept: "strong_positive",
  accept_edit: "positive",
  ignore: "negative",
  regenerate: "strong_negative",
  thumbs_up: "positive",
  thumbs_down: "negative",
  copy: "positive",
  correction: "negative",
};

/**
 * The label of a feedback signal, or `null` when it carries no polarity (a plain comment,
 * a middling rating). Ratings are on a 1–5 scale (or 0–1, read as a fraction).
 *
 * @example deriveLabel("regenerate") // → "strong_negative"
 */
export function deriveLabel(kind: FeedbackKind, value?: unknown): FeedbackLabel | null {
  if (kind === "rating") return ratingLabel(value);
  return labelByKind[kind] ?? null;
}

function ratingLabel(value: unknown): FeedbackLabel | null {
  const n = typeof value === "string" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) return null;
  const fivePoint = n <= 1 && n >= 0 && !Number.isInteger(n) ? 1 + n * 4 : n;
  if (fivePoint >= 4.5) return "strong_positive";
  if (fivePoint >= 3.5) return "positive";
  if (fivePoint > 2.5) return null;
  if (fivePoint > 1.5) return "negative";
  return "strong_negative";
}
