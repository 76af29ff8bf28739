/**
 * The daily reminder: at or after a project's set hour (UTC), when today's review queue is
 * untouched, POST a message to its webhook (Slack-style `{"text": …}` plus the numbers). Each
 * project's reminder goes out once a day, by one process, whichever server gets there first.
 * `review-reminders-job.ts` runs it every minute; `POST /api/v1/review/reminder/run` runs it now.
 */
import type { Store } from "../../platform/store/store.js";
import { utcDay } from "./review-service.js";

export interface ReminderOutcome {
  projectId: string;
  day: string;
  sent: boolean;
  /** Why nothing was sent, or the webhook's HTTP status. */
  reason: "not_yet" | "queue_touched" | "already_sent" | "sent" | "webhook_failed";
  status?: number;
}

export class ReviewReminders {
  constructor(
    private readonly store: Store,
    private readonly post: typeof fetch = fetch,
  ) {}

  /**
   * Checks every project's reminder (or one project's) once.
   *
   * @example await new ReviewReminders(store).runOnce(new Date())
   */
  async runOnce(now: Date = new Date(), onlyProjectId?: string): Promise<ReminderOutcome[]> {
    const day = utcDay(now);
    const outcomes: ReminderOutcome[] = [];
    for (const r of await this.store.review.listReminders()) {
      if (onlyProjectId !== undefined && r.projectId !== onlyProjectId) continue;
      const base = { projectId: r.projectId, day };
      if (now.getUTCHours() < r.hourUtc) {
        outcomes.push({ ...base, sent: false, reason: "not_yet" });
        continue;
      }
      const queue = await this.store.review.listQueue(r.projectId, day);
      const done = queue.filter((q) => q.doneBy !== null).length;
      if (done > 0) {
        outcomes.push({ ...base, sent: false, reason: "queue_touched" });
        continue;
      }
      if (!(await this.store.review.claimReminder(r.projectId, day))) {
        outcomes.push({ ...base, sent: false, reason: "already_sent" });
        continue;
      }
      const text =
        queue.length > 0
          ? `genchi: today's review queue (${queue.length} calls) is untouched. Ten minutes on the Review tab keeps the streak going.`
          : "genchi: no review queue was built today. Open the Review tab to build it and look at today's calls.";
      try {
        const res = await this.post(r.webhookUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ text, day, total: queue.length, done }),
          signal: AbortSignal.timeout(5000),
        });
        outcomes.push({
          ...base,
          sent: res.ok,
          reason: res.ok ? "sent" : "webhook_failed",
          status: res.status,
        });
      } catch {
        outcomes.push({ ...base, sent: false, reason: "webhook_failed" });
      }
    }
    return outcomes;
  }
}
