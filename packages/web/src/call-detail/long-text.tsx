/** Text that folds when long, and pretty-prints itself when it is JSON. */
import { useState } from "react";

const foldAt = 1200;

/** JSON text pretty-printed, or null when the text is not a JSON object or array. */
export function prettyJson(text: string): string | null {
  const trimmed = text.trim();
  if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) return null;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return null;
  }
}

export function LongText({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  const json = prettyJson(text);
  const shown = json ?? text;
  const long = shown.length > foldAt;
  return (
    <div className="long-text">
      <pre className={json ? "text json" : "text"}>
        {long && !open ? `${shown.slice(0, foldAt)}…` : shown}
      </pre>
      {long ? (
        <button type="button" className="link-button small" onClick={() => setOpen(!open)}>
          {open ? "Show less" : `Show all (${shown.length.toLocaleString()} characters)`}
        </button>
      ) : null}
    </div>
  );
}

export function JsonBlock({ value }: { value: unknown }) {
  return <LongText text={JSON.stringify(value, null, 2)} />;
}
