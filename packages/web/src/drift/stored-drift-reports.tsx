/**
 * Stored drift reports (the daily job's and on-demand ones, `GET /api/v1/drift/reports`):
 * a list, newest first, with what each flagged; opening one loads it (`GET …/:id`) into the page.
 */
import type { DriftReport, StoredDriftReportSummary } from "@genchi/spec";
import { useState } from "react";
import { toApiError, useApi } from "../api/use-api.js";
import { useAuth } from "../auth/auth-context.js";
import { ErrorMessage } from "../ui/error-message.js";

export function StoredDriftReports({ onOpen }: { onOpen: (report: DriftReport, label: string) => void }) {
  const { client } = useAuth();
  const reports = useApi((signal) => client.drift.reports({ query: { limit: 20 }, signal }), "drift-reports");
  const [openError, setOpenError] = useState<ReturnType<typeof toApiError> | null>(null);
  if (reports.state === "error")
    return <ErrorMessage error={reports.error} title="Cannot list stored reports" />;
  const list = reports.state === "ok" ? reports.data.data : [];
  if (list.length === 0) return null;
  const open = async (r: StoredDriftReportSummary) => {
    setOpenError(null);
    try {
      const stored = await client.drift.report({ params: { id: r.id } });
      if (stored.report)
        onOpen(stored.report, `${r.route} · ${r.day ?? r.createdAt.slice(0, 16)} · vs ${r.baseline}`);
    } catch (e) {
      setOpenError(toApiError(e));
    }
  };
  return (
    <section className="drift-section" data-testid="drift-stored">
      <h2>Stored reports</h2>
      {openError ? <ErrorMessage error={openError} title="Cannot open the report" /> : null}
      <table className="drift-table">
        <thead>
          <tr>
            <th>route</th>
            <th>day</th>
            <th>baseline</th>
            <th className="num">tests / production</th>
            <th>flagged</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr key={r.id} className={r.drifted ? "drifted" : ""} data-testid="drift-stored-row">
              <td>{r.route}</td>
              <td>{r.day ?? `${r.createdAt.slice(0, 16).replace("T", " ")} (on demand)`}</td>
              <td>{r.baseline}</td>
              <td className="num">
                {r.baselineCount ?? "–"} / {r.currentCount ?? "–"}
              </td>
              <td>
                {r.status === "done"
                  ? r.flagged.join(", ") || "nothing"
                  : r.status === "failed"
                    ? `failed: ${r.error ?? ""}`
                    : "running…"}
              </td>
              <td>
                {r.status === "done" ? (
                  <button type="button" onClick={() => open(r)} data-testid="drift-stored-open">
                    Open
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
