import type { CombinedError } from 'urql';
import { problemOf } from './errors';

/** A failed request as the person sees it: the server's message and the request id to quote. */
export function ErrorNotice({ error, title = 'Something went wrong' }: { error: CombinedError; title?: string }) {
  const problem = problemOf(error);
  return (
    <div role="alert" className="notice notice-error">
      <strong>{title}</strong>
      <p>{problem.message}</p>
      {problem.requestId && (
        <p className="muted">
          Request id: <code>{problem.requestId}</code>
        </p>
      )}
    </div>
  );
}
