/** Review stats under the queue: reviewed and failed per day, failure modes by growth, today's reviewers. */
import { useApi } from "../api/use-api.js";
import { useAuth } from "../auth/auth-context.js";

export function ReviewStatsPanel({ refreshKey }: { refreshKey: string }) {
  const { client } = useAuth();
  const stats = useApi(
    (signal) => client.review.stats({ query: { days: 14 }, signal }),
    `stats:${refreshKey}`,
  );
  const data = stats.state === "error" ? undefined : stats.data;
  if (!data) return null;
  const max = Math.max(1, ...data.days.map((d) => d.reviewed));
  return (
    <section className="card review-stats" data-testid="review-stats">
      <h3>Last 14 days</h3>
      <div className="review-days">
        {data.days.map((d) => (
          <div
            key={d.day}
            className="review-day"
            title={`${d.day}: ${d.reviewed} reviewed, ${d.failed} failed`}
            data-day={d.day}
            data-reviewed={d.reviewed}
          >
            <div className="review-day-bar" style={{ height: `${(d.reviewed / max) * 60}px` }}>
              <div
                className="review-day-fail"
                style={{ height: `${d.reviewed ? (d.failed / d.reviewed) * 100 : 0}%` }}
              />
            </div>
            <span className="muted small">{d.day.slice(5)}</span>
          </div>
        ))}
      </div>
      <p className="small">
        Failure modes (growing first):{" "}
        {data.tags.length === 0
          ? "none yet"
          : data.tags
              .map(
                (t) =>
                  `${t.tag} ${t.failures}${t.growth > 0 ? ` ↑${t.growth}` : t.growth < 0 ? ` ↓${-t.growth}` : ""}`,
              )
              .join(" · ")}
      </p>
      <p className="small">
        On review today: {data.reviewersToday.length ? data.reviewersToday.join(", ") : "nobody yet"}
      </p>
    </section>
  );
}
