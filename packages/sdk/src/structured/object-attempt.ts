/** One model call made by `generateObject`, as it reports it. */

export interface ObjectAttempt {
  /** 1 for the first try. */
  attempt: number;
  /** The id of the Call logged to genchi for this attempt. */
  callId: string;
  /** The JSON text the model gave (tool arguments or message content), or null. */
  raw: string | null;
  /** True when the output validated against the schema. */
  valid: boolean;
  /** True when `jsonrepair` had to fix the JSON text. */
  repaired: boolean;
  /** Why the output was rejected (parse or schema errors), empty when valid. */
  errors: string[];
}
