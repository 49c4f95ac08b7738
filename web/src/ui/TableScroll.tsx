import type { ReactNode } from 'react';

/**
 * A table that may be wider than the screen (at 360 px most are): it scrolls sideways, and a
 * keyboard can scroll it too, so it is a named region that takes focus (axe:
 * scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
