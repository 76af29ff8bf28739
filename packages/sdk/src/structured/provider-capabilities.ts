/**
 * What each provider's OpenAI-compatible endpoint can do for structured output, as data, so
 * that `generateObject` never branches on a provider's name. A provider missing here gets
 * `defaultCapabilities`: the request as any OpenAI-compatible server takes it.
 */

export interface StructuredCapabilities {
  /** `response_format: {type: "json_schema", json_schema: {strict: true}}` (OpenAI structured outputs). */
  strictJsonSchema: boolean;
}

export const defaultCapabilities: StructuredCapabilities = { strictJsonSchema: false };

/** By provider id, as in `provider/model` model ids and genchi's upstream names. */
export const structuredCapabilities: Readonly<Record<string, StructuredCapabilities>> = {
  openai: { strictJsonSchema: true },
  azure: { strictJsonSchema: true },
};

/**
 * The provider a request goes to: the one given, else the `provider/` prefix of the model
 * id (genchi's gateway routes `anthropic/claude-…` that way), else `openai`.
 *
 * @example structuredProvider("openai/gpt-4o-mini") // → "openai"
 */
export function structuredProvider(model: string, provider?: string): string {
  if (provider !== undefined) return provider;
  const slash = model.indexOf("/");
  return slash > 0 ? model.slice(0, slash) : "openai";
}

/** @example capabilitiesOf("openai").strictJsonSchema // → true */
export function capabilitiesOf(provider: string): StructuredCapabilities {
  return Object.hasOwn(structuredCapabilities, provider)
    ? (structuredCapabilities[provider] as StructuredCapabilities)
    : defaultCapabilities;
}
