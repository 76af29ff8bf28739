/** Language of a text (ISO 639-3, franc-min, offline); "und" when the text is too short to tell. */
import { franc } from "franc-min";

/** Longer texts are cut: the first characters tell the language and keep detection fast. */
const maxChars = 400;

/**
 * @example detectLanguage("Where is my order? It was due on Monday and has not arrived.") // → "eng"
 */
export function detectLanguage(text: string): string {
  return franc(text.slice(0, maxChars), { minLength: 20 });
}
