/**
 * Folds a Responses event stream: the final `response.completed` (or `.incomplete`) event
 * carries the whole response; a cut stream keeps the text deltas seen so far.
 */
import type { ResponseFields, StreamFold } from "../dialect.js";
import { isRecord, str } from "../wire-values.js";
import { readOpenAIResponsesResponse } from "./read-openai-responses.js";

const finalTypes = new Set(["response.completed", "response.incomplete"]);

/**
 * @example const fold = new OpenAIResponsesStreamFold(); fold.add({ type: "response.output_text.delta", delta: "Hel" }) // → true
 */
export class OpenAIResponsesStreamFold implements StreamFold {
  chunks = 0;
  private text = "";
  private model: string | null = null;
  private final: ResponseFields | null = null;

  add(event: unknown): boolean {
    this.chunks++;
    if (!isRecord(event) || this.final !== null) return false;
    const type = str(event["type"]) ?? "";
    if (isRecord(event["response"])) {
      if (finalTypes.has(type)) {
        this.final = readOpenAIResponsesResponse(event["response"]);
        return false;
      }
      this.model ??= str(event["response"]["model"]);
    }
    if (type === "response.output_text.delta" && typeof event["delta"] === "string")
      this.text += event["delta"];
    return type.startsWith("response.") && type.endsWith(".delta");
  }

  result(): ResponseFields {
    return (
      this.final ?? {
        output: { role: "assistant", content: this.text },
        usage: null,
        model: this.model,
        finishReason: null,
      }
    );
  }
}

/** Whether one SSE event is a delta (text or arguments: time to first token). */
export const isOpenAIResponsesContent = (event: string | null | undefined, data: string): boolean =>
  (event ?? "").endsWith(".delta") || /"type":"response\.[a-z_.]*\.delta"/.test(data);
