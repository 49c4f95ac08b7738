import { useState } from 'react';

interface CopyValueProps {
  /** What the value is; the field's accessible name. */
  label: string;
  value: string;
  /** Keep the label for assistive technology only, when a heading beside it already says it. */
  labelHidden?: boolean;
}

/**
 * A value to copy, such as a secret the graph returns once or an invitation link: a read-only
 * field that selects itself, a Copy button, and whether copying worked (the clipboard can refuse,
 * then the person copies by hand).
 */
export function CopyValue({ label, value, labelHidden = false }: CopyValueProps) {
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }
  return (
    <div className="copy-value">
      <label>
        <span className={labelHidden ? 'visually-hidden' : 'muted'}>{label}</span>
        <input readOnly value={value} onFocus={(e) => e.target.select()} />
      </label>
      <button type="button" onClick={() => void copy()} aria-label={`Copy ${label}`}>
        Copy
      </button>
      <span role="status" aria-live="polite" className="muted">
        {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'Could not copy: select the text and copy it yourself.' : ''}
      </span>
    </div>
  );
}
