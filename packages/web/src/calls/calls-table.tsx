/** The virtualized call table: renders only the visible rows and asks for more near the end. */
import type { Call } from "@genchi/spec";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import { Link } from "wouter";
import type { Column } from "./columns.js";

interface CallsTableProps {
  rows: Call[];
  columns: Column[];
  hasMore: boolean;
  loading: boolean;
  onNeedMore: () => void;
  /** The feedback label the list is filtered by (every row has one), if any. */
  label: string | null;
}

const rowHeight = 34;

export function CallsTable({ rows, columns, hasMore, loading, onNeedMore, label }: CallsTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length + (hasMore ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 15,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && last.index >= rows.length - 20 && hasMore && !loading) onNeedMore();
  }, [last, rows.length, hasMore, loading, onNeedMore]);

  const template = columns.map((c) => c.width).join(" ");
  return (
    <div className="table card" data-testid="calls-table" data-rows={rows.length}>
      <div className="table-head" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <div key={c.id} className={c.align === "right" ? "cell right" : "cell"}>
            {c.label}
          </div>
        ))}
      </div>
      <div ref={scroller} className="table-body">
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((item) => {
            const call = rows[item.index];
            const style = {
              transform: `translateY(${item.start}px)`,
              height: rowHeight,
              gridTemplateColumns: template,
            };
            if (!call) {
              return (
                <div key="more" className="table-row table-more" style={style}>
                  <div className="cell muted">{loading ? "Loading more calls…" : ""}</div>
                </div>
              );
            }
            const row = label ? { ...call, feedbackLabel: label } : call;
            return (
              <Link
                key={call.id}
                href={`/calls/${encodeURIComponent(call.id)}`}
                className="table-row"
                style={style}
                data-call-id={call.id}
              >
                {columns.map((c) => (
                  <div key={c.id} className={c.align === "right" ? "cell right" : "cell"}>
                    {c.render(row)}
                  </div>
                ))}
              </Link>
            );
          })}
        </div>
        {rows.length === 0 && !loading && !hasMore ? (
          <div className="empty muted">No calls match these filters.</div>
        ) : null}
      </div>
    </div>
  );
}
