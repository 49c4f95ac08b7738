import { useState, type DragEvent } from 'react';
import type { PaletteEntry } from './step-catalog';

/** What a palette item carries while dragged onto the canvas: its entry's key. */
export const DRAG_TYPE = 'application/x-flowgraph-step';

/** Wide screens show the palette beside the canvas; narrow ones start with it folded above. */
const startsOpen = () => typeof window.matchMedia !== 'function' || window.matchMedia('(min-width: 60rem)').matches;

/** The steps one can add: dragged onto the canvas, or added with the keyboard below the last step. */
export function Palette({ entries, onAdd }: { entries: PaletteEntry[]; onAdd: (entry: PaletteEntry) => void }) {
  const [open, setOpen] = useState(startsOpen);
  const groups = [...new Set(entries.map((entry) => entry.group))];
  const startDrag = (event: DragEvent, entry: PaletteEntry) => {
    event.dataTransfer.setData(DRAG_TYPE, entry.key);
    event.dataTransfer.effectAllowed = 'move';
  };
  return (
    <details className="builder-palette" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Add steps</summary>
      <p className="muted">Drag a step onto the canvas, or press its button to add it below the last one.</p>
      {groups.map((group) => (
        <section key={group} aria-label={group}>
          <h3>{group}</h3>
          <ul>
            {entries
              .filter((entry) => entry.group === group)
              .map((entry) => (
                <li key={entry.key} draggable onDragStart={(e) => startDrag(e, entry)}>
                  <button type="button" aria-label={`Add ${entry.label}`} title={entry.description} onClick={() => onAdd(entry)}>
                    <span aria-hidden="true">+ </span>
                    {entry.label}
                  </button>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </details>
  );
}
