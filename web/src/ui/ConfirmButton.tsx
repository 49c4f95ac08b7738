import { useState, type ReactNode } from 'react';

interface ConfirmButtonProps {
  /** The button that asks first. */
  label: string;
  /** The accessible name of that button and of the question, where `label` alone does not say what it acts on (e.g. "Remove Ada Lovelace" for "Remove"). */
  ariaLabel?: string;
  /** The question, e.g. "Make version 2 live again?". */
  question: ReactNode;
  /** The button that does it. */
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  danger?: boolean;
}

/** An action that asks in place before it runs (no modal: the question sits where the button was, and takes focus). */
export function ConfirmButton({ label, ariaLabel, question, confirmLabel, onConfirm, disabled, danger }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button
        type="button"
        className={danger ? 'danger' : undefined}
        aria-label={ariaLabel}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  return (
    <span role="group" aria-label={ariaLabel ?? label} className="confirm">
      <span>{question}</span>{' '}
      <button
        type="button"
        className={danger ? 'danger' : 'primary'}
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>{' '}
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
