import type { StepRunDetailFragment } from '../../generated/graphql';
import { formatDateTime, formatDuration } from '../../ui/format';
import { StatusBadge } from './status-badge';

function Json({ label, value }: { label: string; value: Record<string, unknown> | null }) {
  return (
    <div>
      <h3>{label}</h3>
      {value ? <pre className="json">{JSON.stringify(value, null, 2)}</pre> : <p className="muted">None recorded.</p>}
    </div>
  );
}

/** One row per step run: the summary at a glance, inputs, outputs and timings when opened. */
export function StepList({ steps }: { steps: StepRunDetailFragment[] }) {
  if (steps.length === 0) return <div className="empty">No step has started yet.</div>;
  return (
    <ol className="step-list">
      {steps.map((step) => (
        <li key={step.id} className="step" data-testid="step-run">
          <details>
            <summary>
              <span className="step-id">
                <code>{step.stepId}</code> <span className="muted">{step.type}</span>
              </span>
              <StatusBadge status={step.status} />
              <span>
                {step.attempts} {step.attempts === 1 ? 'attempt' : 'attempts'}
              </span>
              <span>{formatDuration(step.durationMs)}</span>
            </summary>
            <dl className="facts">
              <dt>Started</dt>
              <dd>{formatDateTime(step.startedAt)}</dd>
              <dt>Finished</dt>
              <dd>{formatDateTime(step.finishedAt)}</dd>
              <dt>Attempts</dt>
              <dd>{step.attempts}</dd>
              {step.waitingOn && (
                <>
                  <dt>Waiting on</dt>
                  <dd>
                    {step.waitingOn} since {formatDateTime(step.waitingSince)}
                  </dd>
                </>
              )}
            </dl>
            <div className="step-io">
              <Json label="Input" value={step.input} />
              <Json label="Output" value={step.output} />
            </div>
          </details>
          {step.error && <p className="step-error">{step.error}</p>}
        </li>
      ))}
    </ol>
  );
}
