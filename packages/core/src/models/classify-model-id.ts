/**
 * Tells pinned snapshots from floating aliases by each provider's naming convention:
 * OpenAI dated suffixes (`gpt-4o-2024-08-06`, `gpt-4-0613`), Anthropic `YYYYMMDD` vs `-latest`,
 * Google `-001` versions vs bare or `-latest`, Mistral `YYMM` vs `-latest`, Bedrock `-v1:0`.
 */

export type ModelIdKind = "pinned" | "floating";

export interface ModelIdClass {
  kind: ModelIdKind;
  /** The provider named by a `provider/` prefix or guessed from the id, else null. */
  provider: string | null;
  /** The id without its `provider/` prefix. */
  model: string;
  /** Why, in a few words (for warnings and `genchi models`). */
  reason: string;
}

const fullDate = /(?:^|[-_@])(20\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?=$|[-_:.])/;
const openaiShortDate = /-(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=$|-preview$)/;
const googleVersion = /-(\d{3})$/;
const googlePreviewDate = /-preview-(0[1-9]|1[0-2])-(\d\d)$/;
const mistralYymm = /-(2[2-9])(0[1-9]|1[0-2])$/;
const bedrockVersion = /-v\d+(?::\d+)?$/;

function guessProvider(model: string): string | null {
  if (/^(gpt-|o\d|chatgpt-|text-embedding-|davinci|babbage|omni-|whisper|tts-|dall-e)/.test(model))
    return "openai";
  if (model.startsWith("claude-")) return "anthropic";
  if (/^(gemini-|gemma-|text-bison|chat-bison)/.test(model)) return "google";
  if (/^(mistral-|ministral-|codestral-|pixtral-|open-mistral|open-mixtral|magistral-)/.test(model))
    return "mistral";
  if (/^(anthropic|amazon|meta|cohere|ai21|mistral)\.[a-z]/.test(model)) return "bedrock";
  return null;
}

/**
 * Classifies a model id as a pinned snapshot or a floating alias.
 *
 * @example classifyModelId("gpt-4o").kind // → "floating"
 * @example classifyModelId("anthropic/claude-3-5-sonnet-20241022").kind // → "pinned"
 */
export function classifyModelId(id: string): ModelIdClass {
  const slash = id.indexOf("/");
  const prefix = slash > 0 ? id.slice(0, slash) : null;
  const model = slash > 0 ? id.slice(slash + 1) : id;
  const provider = prefix ?? guessProvider(model);
  const floating = (reason: string): ModelIdClass => ({ kind: "floating", provider, model, reason });
  const pinned = (reason: string): ModelIdClass => ({ kind: "pinned", provider, model, reason });

  if (/(?:^|[-:.])latest$/.test(model)) return floating("'latest' alias moves with each release");
  if (/-exp(?:-\d+)?$|-experimental$/.test(model) && !fullDate.test(model)) {
    return floating("experimental alias may change without notice");
  }
  if (bedrockVersion.test(model) && fullDate.test(model)) return pinned("dated, versioned Bedrock id");
  if (fullDate.test(model)) return pinned("dated snapshot");
  if (provider === "openai" && openaiShortDate.test(model)) return pinned("dated snapshot (MMDD)");
  if (provider === "google" && googleVersion.test(model)) return pinned("stable version number");
  if (provider === "google" && googlePreviewDate.test(model)) return pinned("dated preview");
  if (provider === "mistral" && mistralYymm.test(model)) return pinned("dated version (YYMM)");
  return floating("alias without a version: the provider may move it to a new snapshot");
}
