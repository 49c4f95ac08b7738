import type { ReactNode } from 'react';
import { CopyValue } from '../../ui/CopyValue';

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
  return (
    <section className="notice notice-ok once-shown" aria-label={label}>
      <strong>{label}</strong>
      <p className="once-shown-warning">{children}</p>
      <CopyValue label={label} value={value} labelHidden />
      <button type="button" className="link" onClick={onDismiss}>
        I have saved it
      </button>
    </section>
  );
}
