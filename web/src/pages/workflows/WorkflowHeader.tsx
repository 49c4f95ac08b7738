import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { CombinedError } from 'urql';
import {
  useDeleteWorkflowMutation,
  useExecuteWorkflowMutation,
  usePublishWorkflowMutation,
  useRestoreWorkflowMutation,
  useSetWorkflowActiveMutation,
} from '../../generated/graphql';
import { useSession } from '../../session/SessionProvider';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime } from '../../ui/format';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { EXECUTIONS_REFRESH } from './cache';
import { canEditWorkflows, canRunWorkflows } from './roles';
import type { WorkflowDetail } from './WorkflowPage';

const RESTORABLE_DAYS = 30;

/** The workflow's name and state, and what can be done to it as a whole: activate, publish, run, delete. */
export function WorkflowHeader({ workflow }: { workflow: WorkflowDetail }) {
  const { session } = useSession();
  const navigate = useNavigate();
  const [activeState, setActive] = useSetWorkflowActiveMutation();
  const [publishState, publish] = usePublishWorkflowMutation();
  const [runState, execute] = useExecuteWorkflowMutation();
  const [deleteState, remove] = useDeleteWorkflowMutation();
  const [restoreState, restore] = useRestoreWorkflowMutation();
  const [failure, setFailure] = useState<{ title: string; error: CombinedError }>();
  const [done, setDone] = useState('');

  const deleted = Boolean(workflow.deletedAt);
  const admin = canEditWorkflows(session?.role);
  const latest = workflow.latestVersion.version;
  const live = workflow.liveVersion?.version;
  const busy = activeState.fetching || publishState.fetching || deleteState.fetching || restoreState.fetching;

  /** Runs an action; on failure its error shows under the header, on success `message` is announced. */
  async function act(title: string, run: () => Promise<{ error?: CombinedError }>, message: string) {
    setFailure(undefined);
    setDone('');
    const result = await run();
    if (result.error) setFailure({ title, error: result.error });
    else setDone(message);
  }

  async function runNow() {
    setFailure(undefined);
    const result = await execute({ input: { workflowId: workflow.id } }, EXECUTIONS_REFRESH);
    if (result.error) setFailure({ title: 'Could not start a run', error: result.error });
    const execution = result.data?.executeWorkflow.execution;
    if (execution) navigate(`/executions/${execution.id}`);
  }

  return (
    <header className="workflow-header">
      <div className="page-heading">
        <h1>{workflow.name}</h1>
        <div className="actions">
          {deleted && <span className="badge badge-error">Deleted</span>}
          <span className={workflow.isActive ? 'badge badge-ok' : 'badge'}>{workflow.isActive ? 'Active' : 'Inactive'}</span>
          <span className="badge">{live ? `Live: version ${live}` : 'Not published'}</span>
        </div>
      </div>
      {workflow.description && <p>{workflow.description}</p>}
      <p className="muted">
        Owner {workflow.owner.name} · latest version {latest}, saved {formatDateTime(workflow.latestVersion.createdAt)}
        {workflow.tags.length > 0 && ` · tags: ${workflow.tags.join(', ')}`}
      </p>
      {deleted && (
        <p className="notice notice-warning">
          Deleted {formatDateTime(workflow.deletedAt)}: its triggers are stopped. It can be restored until{' '}
          {formatDateTime(new Date(Date.parse(workflow.deletedAt ?? '') + RESTORABLE_DAYS * 86_400_000).toISOString())}.
        </p>
      )}
      <div className="actions workflow-actions">
        {admin && !deleted && (
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              checked={workflow.isActive}
              disabled={busy || (!workflow.isActive && !live)}
              aria-describedby={!live ? 'activate-hint' : undefined}
              onChange={(e) =>
                void act(
                  e.target.checked ? 'Could not activate' : 'Could not deactivate',
                  () => setActive({ id: workflow.id, active: e.target.checked }),
                  e.target.checked ? 'Activated: its triggers fire.' : 'Deactivated: its triggers are off.',
                )
              }
            />{' '}
            Active
          </label>
        )}
        {admin && !deleted && (
          <button
            type="button"
            className="primary"
            disabled={busy || live === latest}
            title={live === latest ? `Version ${latest} is already live` : `Make version ${latest} live`}
            onClick={() =>
              void act('Could not publish', () => publish({ id: workflow.id, version: latest }), `Version ${latest} published.`)
            }
          >
            Publish
          </button>
        )}
        {canRunWorkflows(session?.role) && !deleted && (
          <button type="button" disabled={runState.fetching || !live} onClick={() => void runNow()}>
            {runState.fetching ? 'Starting…' : 'Run now'}
          </button>
        )}
        {admin &&
          (deleted ? (
            <button
              type="button"
              disabled={busy}
              onClick={() => void act('Could not restore', () => restore({ id: workflow.id }), 'Restored.')}
            >
              Restore
            </button>
          ) : (
            <ConfirmButton
              label="Delete"
              danger
              disabled={busy}
              question={`Delete it? Its triggers stop; it can be restored for ${RESTORABLE_DAYS} days.`}
              confirmLabel="Delete workflow"
              onConfirm={() => void act('Could not delete', () => remove({ id: workflow.id }), 'Deleted.')}
            />
          ))}
      </div>
      {!live && !deleted && (
        <p id="activate-hint" className="muted">
          Publish a version to run it or turn it on.
        </p>
      )}
      <p aria-live="polite" className="muted">
        {done}
      </p>
      {failure && <ErrorNotice error={failure.error} title={failure.title} />}
    </header>
  );
}
