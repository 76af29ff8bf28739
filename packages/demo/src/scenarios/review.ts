/**
 * Demo step for the review queue: a week of past daily reviews by two reviewers (queues built
 * for each past day, calls claimed and annotated through the API, failures tagged with modes
 * where `wrong-category` grows as the new product line arrives), and today's queue, untouched.
 */
import { seededRandom } from "@genchi/core";
import type { DemoStep } from "../demo-context.js";
import { demoRequest } from "../demo-request.js";

const reviewers = ["ana", "bo"] as const;
const perDay = 12;

/** A failure mode for a failed call of a route, `age` days ago (0 = yesterday … 6). */
function failureOf(route: string | null, status: string, age: number, r: () => number): string[] {
  if (status === "error") return ["upstream-error"];
  if (route === "categorize") return r() < 0.8 - age * 0.1 ? ["wrong-category"] : ["invalid-json"];
  return r() < 0.5 ? ["too-long"] : ["off-topic"];
}

export const reviewDemoStep: DemoStep = {
  name: "review",
  async run(context) {
    const request = <T>(use: Parameters<typeof demoRequest<T>>[2]) =>
      demoRequest(context, "demo review", use);
    const r = seededRandom(context.seed + 7).next;
    let annotated = 0;
    for (let age = 6; age >= 0; age--) {
      const dayStart = new Date(context.nowMs - (age + 1) * 86_400_000);
      const day = dayStart.toISOString().slice(0, 10);
      await request((api) =>
        api.review.buildQueue({ body: { day, size: perDay, seed: context.seed + age } }),
      );
      for (let i = 0; i < perDay; i++) {
        const reviewer = reviewers[i % reviewers.length]!;
        const next = await request((api) => api.review.next({ query: { reviewer, day } }));
        if (!next.item || !next.call) break;
        // Failures grow toward today, as the new product line meets an old prompt.
        const fails = next.call.status === "error" || r() < 0.12 + (6 - age) * 0.03;
        const call = next.call;
        await request((api) =>
          api.review.annotate({
            body: {
              callId: call.id,
              reviewer,
              verdict: fails ? "fail" : "pass",
              tags: fails ? failureOf(call.route, call.status, age, r) : [],
              note: fails ? "seen in the daily review" : null,
              createdAt: new Date(Date.parse(`${day}T09:00:00Z`) + i * 120_000).toISOString(),
            },
          }),
        );
        annotated++;
      }
    }
    const today = await request((api) => api.review.buildQueue({ body: {} }));
    context.log(
      `demo: ${annotated} past reviews over 7 days; today's review queue holds ${today.items.length} calls`,
    );
  },
};
