/** A drop-down of checkboxes: which columns the call table shows (kept in localStorage). */
import { columns } from "./columns.js";

export function ColumnPicker({ chosen, onChange }: { chosen: string[]; onChange: (ids: string[]) => void }) {
  const toggle = (id: string) => {
    const next = chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id];
    // Keep table order, and at least one column.
    if (next.length > 0) onChange(columns.map((c) => c.id).filter((c) => next.includes(c)));
  };
  return (
    <details className="picker">
      <summary>Columns</summary>
      <div className="picker-menu card">
        {columns.map((c) => (
          <label key={c.id}>
            <input type="checkbox" checked={chosen.includes(c.id)} onChange={() => toggle(c.id)} />
            {c.label}
          </label>
        ))}
      </div>
    </details>
  );
}
