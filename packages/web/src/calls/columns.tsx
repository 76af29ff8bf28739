/** The call table's columns: what each shows, how wide it is, and which ones the user picked. */
import type { Call } from "@genchi/spec";
import type { ReactNode } from "react";
import { inputPreview, outputPreview } from "../lib/call-text.js";
import { formatCount, formatMs, formatTime, formatUsd } from "../lib/format.js";

export interface Column {
  id: string;
  label: string;
  /** CSS grid track. */
  width: string;
  align?: "right";
  render: (call: Call & { feedbackLabel?: string | null }) => ReactNode;
}

export const columns: Column[] = [
  { id: "time", label: "Time", width: "128px", render: (c) => formatTime(c.timestamp) },
  { id: "route", label: "Route", width: "minmax(90px, 0.7fr)", render: (c) => c.route ?? "–" },
  {
    id: "model",
    label: "Model",
    width: "minmax(150px, 1fr)",
    render: (c) => c.model ?? c.requestedModel ?? "–",
  },
  {
    id: "status",
    label: "Status",
    width: "64px",
    render: (c) => <span className={`badge badge-${c.status}`}>{c.status}</span>,
  },
  { id: "latency", label: "Latency", width: "76px", align: "right", render: (c) => formatMs(c.latencyMs) },
  {
    id: "tokens",
    label: "Tokens",
    width: "88px",
    align: "right",
    render: (c) =>
      c.usage
        ? `${formatCount((c.usage.inputTokens ?? 0) + (c.usage.outputTokens ?? 0))}${c.usage.estimated ? "*" : ""}`
        : "–",
  },
  { id: "cost", label: "Cost", width: "80px", align: "right", render: (c) => formatUsd(c.costUsd) },
  { id: "user", label: "User", width: "minmax(80px, 0.5fr)", render: (c) => c.userId ?? "–" },
  { id: "session", label: "Session", width: "minmax(80px, 0.5fr)", render: (c) => c.sessionId ?? "–" },
  { id: "input", label: "Input", width: "minmax(160px, 2fr)", render: (c) => inputPreview(c.input) },
  {
    id: "output",
    label: "Output",
    width: "minmax(160px, 2fr)",
    render: (c) =>
      c.status === "error" ? (
        <span className="text-error">{c.error ?? "error"}</span>
      ) : (
        outputPreview(c.output)
      ),
  },
  {
    id: "feedback",
    label: "Feedback",
    width: "104px",
    render: (c) =>
      c.feedbackLabel ? (
        <span className={`badge badge-${c.feedbackLabel}`}>{c.feedbackLabel.replace("_", " ")}</span>
      ) : (
        "–"
      ),
  },
];

const defaultColumns = ["time", "route", "model", "status", "latency", "tokens", "cost", "input", "output"];
const storageKey = "genchi.columns";

/** The user's chosen column ids (localStorage), in table order. */
export function loadColumnIds(): string[] {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey) ?? "null") as unknown;
    if (Array.isArray(saved)) {
      const ids = saved.filter((id): id is string => columns.some((c) => c.id === id));
      if (ids.length > 0) return ids;
    }
  } catch {
    // fall through to the defaults
  }
  return defaultColumns;
}

/** Saves the chosen column ids. */
export function saveColumnIds(ids: string[]): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify(ids));
  } catch {
    // private mode: keep them for this page only
  }
}
