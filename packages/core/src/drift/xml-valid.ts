/** XML validity of a text (fast-xml-parser's validator); texts not starting with "<" are not XML. */
import { XMLValidator } from "fast-xml-parser";

/**
 * @example xmlValid("<a><b>x</b></a>") // → true
 */
export function xmlValid(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.startsWith("<")) return false;
  return XMLValidator.validate(trimmed) === true;
}
