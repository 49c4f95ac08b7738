import type { ExecutionStatus } from '../../generated/graphql';

const TONE: Record<ExecutionStatus, string> = {
  QUEUED: 'badge',
  RUNNING: 'badge badge-running',
  SUCCEEDED: 'badge badge-ok',
  FAILED: 'badge badge-error',
  CANCELLED: 'badge',
};

const LABEL: Record<ExecutionStatus, string> = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

/** An execution's status in words and colour (the word alone carries the meaning). */
export function ExecutionStatusBadge({ status }: { status: ExecutionStatus }) {
  return <span className={TONE[status]}>{LABEL[status]}</span>;
}
