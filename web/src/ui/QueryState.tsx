import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { ErrorNotice } from './ErrorNotice';

interface QueryStateProps<T> {
  fetching: boolean;
  error?: CombinedError;
  data: T | undefined;
  /** True when `data` holds nothing to show (an empty list). */
  isEmpty?: (data: T) => boolean;
  /** Shown for an empty list: say what would fill it and how. */
  empty?: ReactNode;
  children: (data: T) => ReactNode;
  label?: string;
}

/** Every list's four states: loading, error (server message and request id), empty, and the data. */
export function QueryState<T>({ fetching, error, data, isEmpty, empty, children, label = 'Loading' }: QueryStateProps<T>) {
  if (error && !data) return <ErrorNotice error={error} />;
  if (data === undefined) {
    return fetching ? (
      <p role="status" aria-live="polite" className="muted">
        {label}…
      </p>
    ) : null;
  }
  if (isEmpty?.(data)) return <div className="empty">{empty ?? 'Nothing here yet.'}</div>;
  return (
    <>
      {error && <ErrorNotice error={error} />}
      {children(data)}
    </>
  );
}
