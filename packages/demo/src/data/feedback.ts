/**
 * What users do with the demo's outputs: sellers accept, fix or ignore suggested
 * categories; support agents send, edit, regenerate or drop drafted replies; some leave
 * thumbs, ratings and comments. Worse outputs (novel products, typos) get worse feedback.
 */
import type { FeedbackKind } from "@genchi/spec";
import type { DemoRandom } from "./random.js";

export interface DemoFeedback {
  kind: FeedbackKind;
  value?: number;
  editedOutput?: string;
  comment?: string;
  delayMs: number;
}

/** Feedback on a categorize call; `correct` says whether the suggested category was right. */
export function categorizeFeedback(
  correct: boolean,
  trueCategory: string,
  random: DemoRandom,
): DemoFeedback[] {
  const out: DemoFeedback[] = [];
  const delayMs = random.int(5_000, 600_000);
  if (random.chance(0.12)) return out; // the seller never looked
  if (correct) {
    out.push(random.chance(0.85) ? { kind: "accept", delayMs } : { kind: "ignore", delayMs });
    if (random.chance(0.04)) out.push({ kind: "thumbs_up", delayMs: delayMs + 2000 });
  } else {
    const fixed = JSON.stringify({ category: trueCategory });
    out.push(
      random.chance(0.7)
        ? { kind: "accept_edit", editedOutput: fixed, delayMs }
        : { kind: "ignore", delayMs },
    );
    if (random.chance(0.2)) out.push({ kind: "thumbs_down", delayMs: delayMs + 2000 });
    if (random.chance(0.05))
      out.push({
        kind: "comment",
        comment: random.pick([
          "wrong category again, this is a pet product",
          "suggestions for smart devices are useless",
          "had to pick the category by hand",
        ]),
        delayMs: delayMs + 4000,
      });
  }
  return out;
}

/** Feedback on a drafted support reply; `quality` is 0 (bad) … 1 (good). */
export function supportFeedback(quality: number, draft: string, random: DemoRandom): DemoFeedback[] {
  const out: DemoFeedback[] = [];
  const delayMs = random.int(20_000, 1_800_000);
  const x = random.next();
  if (x < 0.08) return out;
  if (x < 0.08 + 0.42 * quality) out.push({ kind: "accept", delayMs });
  else if (x < 0.75) {
    const edited = `${draft.replace(/^Hi (\w+),/, "Hello $1,")} Let me know if there is anything else I can do.`;
    out.push({ kind: "accept_edit", editedOutput: edited, delayMs });
  } else if (x < 0.87) out.push({ kind: "regenerate", delayMs: Math.round(delayMs / 10) });
  else out.push({ kind: "ignore", delayMs });
  if (random.chance(0.06))
    out.push({ kind: quality > 0.6 ? "thumbs_up" : "thumbs_down", delayMs: delayMs + 3000 });
  if (random.chance(0.025))
    out.push({
      kind: "rating",
      value: quality > 0.6 ? random.int(4, 5) : random.int(1, 3),
      delayMs: delayMs + 5000,
    });
  if (random.chance(0.01))
    out.push({
      kind: "comment",
      comment: quality > 0.6 ? "great draft, sent as is" : "too generic, doesn't answer the question",
      delayMs: delayMs + 6000,
    });
  if (random.chance(0.03)) out.push({ kind: "copy", delayMs: delayMs + 1000 });
  return out;
}
