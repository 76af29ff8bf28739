/**
 * The browser feedback snippet, served by genchi at `/sdk/feedback.js`: a standalone ES module
 * (no imports) that a web page loads with a public, write-only key. `suggestion(callId)`
 * follows one model suggestion through its life — shown, then exactly one of: accepted as is,
 * accepted after an edit (the edit is sent with the suggestion; genchi computes the
 * normalised edit distance), ignored (dismissed, or not acted on in time), regenerated.
 *
 * ```html
 * <script type="module">
 *   import { genchiFeedback } from "http://127.0.0.1:4242/sdk/feedback.js";
 *   const feedback = genchiFeedback({ url: "http://127.0.0.1:4242", key: "gpk_…" });
 *   const s = feedback.suggestion(callId, { text: "Footwear", ignoreAfterMs: 60_000 });
 *   s.shown();
 *   acceptButton.onclick = () => s.accept(input.value); // accept_edit when the text changed
 * </script>
 * ```
 */

/** The kinds a page sends (see CONTRACT.md for all of them). */
export type BrowserFeedbackKind =
  | "accept"
  | "accept_edit"
  | "ignore"
  | "regenerate"
  | "thumbs_up"
  | "thumbs_down"
  | "rating"
  | "comment"
  | "correction"
  | "copy";

export interface BrowserFeedback {
  /**
   * Made by the snippet when absent, once per event: a retried post (a lost answer, a 429) then
   * carries the same id, and genchi stores the event once (feedback is idempotent on `id`).
   */
  id?: string;
  callId: string;
  kind: BrowserFeedbackKind;
  value?: number | string | boolean;
  editedOutput?: string;
  comment?: string;
  userId?: string;
  metadata?: Record<string, unknown>;
}

export interface GenchiFeedbackOptions {
  /** genchi's base URL, e.g. `http://127.0.0.1:4242`. */
  url: string;
  /** A public feedback key (`genchi keys create --project X --public`). */
  key: string;
  /** Sent with every feedback item. */
  userId?: string;
  /** Retries on a network error, a 5xx or a 429 (slow down), with the same id. Default 3. */
  retries?: number;
  /** First retry delay, doubled each time (a `retry-after` header wins). Default 500 ms. */
  retryBaseMs?: number;
  /** Default: the page's `fetch`. */
  fetch?: typeof globalThis.fetch;
}

/** What the server said about one feedback item. */
export interface FeedbackResult {
  ok: boolean;
  status: number;
  /** The stored feedback (with `label`) when ok, else `{ error: { code, message } }`. */
  body: unknown;
}

export type SuggestionState = "new" | "shown" | "accepted" | "edited" | "ignored" | "regenerated";

export interface SuggestionOptions {
  /** The suggestion as shown to the user: an edit is compared with it. */
  text?: string;
  /** After `shown()`, send `ignore` (reason "timeout") if nothing else happened in this time. */
  ignoreAfterMs?: number;
  /** Extra metadata on the feedback item. */
  metadata?: Record<string, unknown>;
}

export interface Suggestion {
  readonly callId: string;
  readonly state: SuggestionState;
  /** Marks the suggestion as on screen (starts the ignore timer). */
  shown(text?: string): void;
  /** Accepted; with a `finalText` that differs from the suggestion it is `accept_edit`. */
  accept(finalText?: string): Promise<FeedbackResult | null>;
  /** The user dismissed it (or left): `ignore`. */
  ignore(reason?: string): Promise<FeedbackResult | null>;
  /** The user asked for another one: `regenerate`. */
  regenerate(): Promise<FeedbackResult | null>;
  /** Resolves with the outcome's result once one is sent (null: none will be). */
  readonly settled: Promise<FeedbackResult | null>;
}

export interface GenchiFeedbackClient {
  /** Sends one feedback item (with retries on 404/429). */
  send(feedback: BrowserFeedback): Promise<FeedbackResult>;
  /** Follows one suggestion's life: see `Suggestion`. */
  suggestion(callId: string, options?: SuggestionOptions): Suggestion;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A random feedback id (`fb_` + 32 hex digits). `getRandomValues` works on plain-http pages
 * too, where `crypto.randomUUID` is missing (it needs a secure context).
 */
function feedbackId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let hex = "";
  for (const b of bytes) hex += b.toString(16).padStart(2, "0");
  return `fb_${hex}`;
}

/**
 * @example const feedback = genchiFeedback({ url: "http://127.0.0.1:4242", key: "gpk_…" });
 */
export function genchiFeedback(options: GenchiFeedbackOptions): GenchiFeedbackClient {
  const endpoint = `${options.url.replace(/\/+$/, "")}/api/v1/feedback`;
  const retries = options.retries ?? 3;
  const retryBaseMs = options.retryBaseMs ?? 500;
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function send(feedback: BrowserFeedback): Promise<FeedbackResult> {
    // One id per event, made before the first try: every retry below sends the same body.
    const body = JSON.stringify({
      ...(options.userId !== undefined ? { userId: options.userId } : {}),
      ...feedback,
      id: feedback.id ?? feedbackId(),
    });
    for (let attempt = 0; ; attempt++) {
      let result: FeedbackResult;
      let retryAfterMs: number | undefined;
      try {
        const response = await fetchImpl(endpoint, {
          method: "POST",
          headers: { authorization: `Bearer ${options.key}`, "content-type": "application/json" },
          body,
          keepalive: true,
        });
        const text = await response.text();
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // keep the text
        }
        result = { ok: response.ok, status: response.status, body: parsed };
        const after = Number(response.headers.get("retry-after"));
        if (Number.isFinite(after) && after > 0) retryAfterMs = after * 1000;
      } catch (error) {
        result = { ok: false, status: 0, body: { error: { code: "NETWORK", message: String(error) } } };
      }
      // Safe to send again: the body carries the same id, so genchi stores the event once.
      const retriable = result.status === 0 || result.status === 429 || result.status >= 500;
      if (result.ok || !retriable || attempt >= retries) return result;
      await sleep(retryAfterMs ?? retryBaseMs * 2 ** attempt);
    }
  }

  function suggestion(callId: string, suggestionOptions: SuggestionOptions = {}): Suggestion {
    let state: SuggestionState = "new";
    let text = suggestionOptions.text;
    let shownAt: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settle: (result: FeedbackResult | null) => void = () => {};
    const settled = new Promise<FeedbackResult | null>((resolve) => {
      settle = resolve;
    });
    let outcome: Promise<FeedbackResult | null> | undefined;

    const finish = (
      next: SuggestionState,
      feedback: Omit<BrowserFeedback, "callId">,
      extra: Record<string, unknown> = {},
    ): Promise<FeedbackResult | null> => {
      if (outcome) return outcome;
      if (timer !== undefined) clearTimeout(timer);
      state = next;
      const metadata: Record<string, unknown> = {
        ...suggestionOptions.metadata,
        ...extra,
        ...(text !== undefined ? { suggestion: text } : {}),
        ...(shownAt !== undefined ? { decisionMs: Math.round(performance.now() - shownAt) } : {}),
      };
      outcome = send({ callId, ...feedback, metadata });
      outcome.then(settle, () => settle(null));
      return outcome;
    };

    return {
      callId,
      get state() {
        return state;
      },
      settled,
      shown(shownText?: string) {
        if (state !== "new") return;
        if (shownText !== undefined) text = shownText;
        state = "shown";
        shownAt = performance.now();
        const wait = suggestionOptions.ignoreAfterMs;
        if (wait !== undefined) {
          timer = setTimeout(() => void finish("ignored", { kind: "ignore" }, { reason: "timeout" }), wait);
        }
      },
      accept(finalText?: string) {
        if (finalText !== undefined && text !== undefined && finalText !== text) {
          return finish("edited", { kind: "accept_edit", editedOutput: finalText });
        }
        return finish("accepted", { kind: "accept" });
      },
      ignore(reason = "dismissed") {
        return finish("ignored", { kind: "ignore" }, { reason });
      },
      regenerate() {
        return finish("regenerated", { kind: "regenerate" });
      },
    };
  }

  return { send, suggestion };
}
