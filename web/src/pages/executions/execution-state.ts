import type { ExecutionDetailFragment, ExecutionStatus, StepRunDetailFragment, StepRunStatus } from '../../generated/graphql';

const FINISHED: readonly ExecutionStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
const STEP_FINISHED: readonly StepRunStatus[] = ['SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED'];

/** SUCCEEDED, FAILED and CANCELLED are final: nothing changes after them. */
export function isFinished(status: ExecutionStatus): boolean {
  return FINISHED.includes(status);
}

/** What a member may do with an execution in this status (the graph refuses the rest). */
export function allowedActions(status: ExecutionStatus): { cancel: boolean; rerun: boolean } {
  return { cancel: status === 'QUEUED' || status === 'RUNNING', rerun: status === 'FAILED' };
}

const executionRank = (status: ExecutionStatus) => (status === 'QUEUED' ? 0 : status === 'RUNNING' ? 1 : 2);
const stepRank = (step: StepRunDetailFragment) => (STEP_FINISHED.includes(step.status) ? 1 : 0);

/** The later of two snapshots of one step: a finished step never goes back, more attempts are newer. */
function newerStep(known: StepRunDetailFragment, update: StepRunDetailFragment): StepRunDetailFragment {
  if (stepRank(known) !== stepRank(update)) return stepRank(known) > stepRank(update) ? known : update;
  return known.attempts > update.attempts ? known : update;
}

/**
 * Two snapshots of one execution (the page's query, live updates, a mutation's answer) as one:
 * they can arrive out of order, so the further-along one wins — a finished execution or step
 * never goes back to running — and steps are matched by id, in the order they started.
 */
export function mergeExecution(
  known: ExecutionDetailFragment | null | undefined,
  update: ExecutionDetailFragment | null | undefined,
): ExecutionDetailFragment | null {
  if (!known || !update || known.id !== update.id) return update ?? known ?? null;
  const base = executionRank(known.status) > executionRank(update.status) ? known : update;
  const knownSteps = new Map(known.steps.map((step) => [step.id, step]));
  const steps = update.steps.map((step) => {
    const previous = knownSteps.get(step.id);
    return previous ? newerStep(previous, step) : step;
  });
  const seen = new Set(steps.map((step) => step.id));
  const missing = known.steps.filter((step) => !seen.has(step.id));
  if (missing.length === 0) return { ...base, steps };
  // Steps only the other snapshot has (it is older than one that started them) are kept, in start order.
  const all = [...steps, ...missing].sort((a, b) => (a.startedAt ?? '\uffff').localeCompare(b.startedAt ?? '\uffff'));
  return { ...base, steps: all };
}
