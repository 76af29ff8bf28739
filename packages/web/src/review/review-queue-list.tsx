/** Today's review queue as a list: each call, why it was picked, and whether it is open, being reviewed or done. */
import type { ReviewQueueItem } from "@genchi/spec";
import { Link } from "wouter";

function stateOf(item: ReviewQueueItem, now: number): string {
  if (item.doneBy) return `done by ${item.doneBy}`;
  if (item.lockedBy && item.lockExpiresAt && Date.parse(item.lockExpiresAt) > now)
    return `being reviewed by ${item.lockedBy}`;
  return "open";
}

export function ReviewQueueList({ items }: { items: ReviewQueueItem[] | null }) {
  const now = Date.now();
  return (
    <section className="card review-queue" data-testid="review-queue">
      <h2>Today's queue</h2>
      {items === null ? <p className="muted">Loading today's queue…</p> : null}
      {items?.length === 0 ? (
        <p className="muted">Nothing to review: no calls were logged in the last 7 days.</p>
      ) : null}
      {items?.length ? (
        <table className="review-queue-table">
          <thead>
            <tr>
              <th>#</th>
              <th>call</th>
              <th>picked by</th>
              <th>state</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.callId} data-testid="review-queue-item" data-call-id={item.callId}>
                <td className="muted">{item.position + 1}</td>
                <td>
                  <Link href={`/calls/${encodeURIComponent(item.callId)}`}>
                    <code>{item.callId}</code>
                  </Link>
                </td>
                <td>{item.strategy.replaceAll("_", " ")}</td>
                <td className={item.doneBy ? "muted" : ""}>{stateOf(item, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
