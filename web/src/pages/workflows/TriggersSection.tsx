import { useState } from 'react';
import type { CombinedError } from 'urql';
import { useRemoveTriggerMutation, useSetTriggerEnabledMutation } from '../../generated/graphql';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime } from '../../ui/format';
import { AddTriggerForm } from './AddTriggerForm';
import { ConfirmButton } from '../../ui/ConfirmButton';
import type { WorkflowDetail } from './WorkflowPage';

type Trigger = WorkflowDetail['triggers'][number];
const MAX_TRIGGERS = 20;

/** What a trigger listens to, in words. */
export function describeTrigger(trigger: Trigger): string {
  switch (trigger.kind) {
    case 'CRON':
      return trigger.cron ? `Schedule ${trigger.cron.pattern} (${trigger.cron.timezone})` : 'Schedule';
    case 'WEBHOOK':
      return 'Webhook';
    case 'EVENT':
      return `Event ${trigger.event?.tool ?? 'any tool'} / ${trigger.event?.eventType ?? 'any type'}`;
    case 'MANUAL':
      return 'Manual';
  }
}

/** The workflow's triggers: what starts it, next runs, and (admins) add, enable, disable, remove. */
export function TriggersSection({ workflow, editable }: { workflow: WorkflowDetail; editable: boolean }) {
  const [adding, setAdding] = useState(false);
  const [enabledState, setEnabled] = useSetTriggerEnabledMutation();
  const [removeState, remove] = useRemoveTriggerMutation();
  const [failure, setFailure] = useState<{ title: string; error: CombinedError }>();
  const [done, setDone] = useState('');
  const busy = enabledState.fetching || removeState.fetching;

  async function act(title: string, run: () => Promise<{ error?: CombinedError }>, message: string) {
    setFailure(undefined);
    setDone('');
    const result = await run();
    if (result.error) setFailure({ title, error: result.error });
    else setDone(message);
  }

  return (
    <section aria-labelledby="triggers-heading">
      <div className="page-heading">
        <h2 id="triggers-heading">Triggers</h2>
        {editable && !adding && (
          <button type="button" onClick={() => setAdding(true)} disabled={workflow.triggers.length >= MAX_TRIGGERS}>
            Add trigger
          </button>
        )}
      </div>
      {!workflow.isActive && workflow.triggers.length > 0 && (
        <p className="muted">The workflow is inactive: its triggers fire once it is published and active.</p>
      )}
      {adding && <AddTriggerForm workflowId={workflow.id} onClose={() => setAdding(false)} />}
      <p aria-live="polite" className="muted">
        {done}
      </p>
      {failure && <ErrorNotice error={failure.error} title={failure.title} />}
      {workflow.triggers.length === 0 ? (
        <div className="empty">No triggers: it runs only when someone runs it.{editable && ' Add a schedule, a webhook or an event.'}</div>
      ) : (
        <ul className="trigger-list">
          {workflow.triggers.map((trigger) => (
            <li key={trigger.id} className="card">
              <div className="page-heading">
                <strong>{describeTrigger(trigger)}</strong>
                <span className={trigger.enabled ? 'badge badge-ok' : 'badge'}>{trigger.enabled ? 'Enabled' : 'Disabled'}</span>
              </div>
              {trigger.cron && (
                <p className="muted">Next runs: {trigger.cron.nextRuns.map((run) => formatDateTime(run)).join(', ') || '—'}</p>
              )}
              {trigger.webhook && (
                <p>
                  POST to <code className="wrap">{trigger.webhook.url}</code>
                </p>
              )}
              <p className="muted">Added {formatDateTime(trigger.createdAt)}</p>
              {editable && (
                <div className="actions">
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() =>
                      void act(
                        trigger.enabled ? 'Could not disable' : 'Could not enable',
                        () => setEnabled({ id: trigger.id, enabled: !trigger.enabled }),
                        `${describeTrigger(trigger)} ${trigger.enabled ? 'disabled' : 'enabled'}.`,
                      )
                    }
                  >
                    {trigger.enabled ? 'Disable' : 'Enable'}
                  </button>
                  <ConfirmButton
                    label="Remove"
                    danger
                    disabled={busy}
                    question="Remove this trigger? It stops at once."
                    confirmLabel="Remove trigger"
                    onConfirm={() =>
                      void act(
                        'Could not remove',
                        () => remove({ id: trigger.id }, { additionalTypenames: ['Trigger'] }),
                        `${describeTrigger(trigger)} removed.`,
                      )
                    }
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
