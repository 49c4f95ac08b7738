import type { ExecutionStatus, StepRunStatus } from '../../generated/graphql';

const TONE: Partial<Record<ExecutionStatus | StepRunStatus, string>> = {
  SUCCEEDED: 'badge-ok',
  FAILED: 'badge-error',
  RUNNING: 'badge-live',
  PENDING: 'badge-live',
};

/** An execution's or a step's status word, coloured by outcome (the word carries the meaning). */
export function StatusBadge({ status }: { status: ExecutionStatus | StepRunStatus }) {
  return <span className={`badge ${TONE[status] ?? ''}`}>{status}</span>;
}
