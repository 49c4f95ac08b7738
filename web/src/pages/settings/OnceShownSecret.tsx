import { useState, type ReactNode } from 'react';

interface OnceShownSecretProps {
  /** Names what the value is, e.g. "Invitation link". */
  label: string;
  value: string;
  /** Says why it is shown only once and what to do with it. */
  children: ReactNode;
  onDismiss: () => void;
}

/** A secret the graph returns once (an invitation link, an API key): shown with a copy button and a warning. */
export function OnceShownSecret({ label, value, children, onDismiss }: OnceShownSecretProps) {
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
    <section className="notice notice-ok once-shown" aria-label={label}>
      <strong>{label}</strong>
      <p className="once-shown-warning">{children}</p>
      <div className="once-shown-value">
        <input readOnly value={value} aria-label={label} onFocus={(e) => e.target.select()} />
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p role="status" aria-live="polite" className="muted">
        {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'Could not copy: select the text and copy it yourself.' : ''}
      </p>
      <button type="button" className="link" onClick={onDismiss}>
        I have saved it
      </button>
    </section>
  );
}
