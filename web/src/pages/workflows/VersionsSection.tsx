import { useCallback, useMemo, useState } from 'react';
import type { CombinedError } from 'urql';
import {
  usePublishWorkflowMutation,
  useRollbackWorkflowMutation,
  WorkflowVersionsDocument,
  type WorkflowVersionsQuery,
} from '../../generated/graphql';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { LoadMore } from '../../ui/LoadMore';
import { QueryState } from '../../ui/QueryState';
import { formatDateTime } from '../../ui/format';
import { usePagedConnection } from '../../ui/usePagedConnection';
import { ConfirmButton } from '../../ui/ConfirmButton';
import type { WorkflowDetail } from './WorkflowPage';
import { TableScroll } from '../../ui/TableScroll';

type Version = NonNullable<WorkflowVersionsQuery['workflow']>['versions']['edges'][number]['node'];

/** What a saved version can become: publish a newer (or first) one, roll back to an older one. */
export function versionAction(version: number, live: number | undefined): 'live' | 'publish' | 'rollback' {
  if (live === undefined || version > live) return 'publish';
  return version === live ? 'live' : 'rollback';
}

/** Saved versions, newest first: which is live, and (admins) publish or roll back. */
export function VersionsSection({ workflow, editable }: { workflow: WorkflowDetail; editable: boolean }) {
  const variables = useMemo(() => ({ id: workflow.id, first: 20 }), [workflow.id]);
  const connectionOf = useCallback((data: WorkflowVersionsQuery) => data.workflow?.versions, []);
  const versions = usePagedConnection(WorkflowVersionsDocument, variables, connectionOf);
  const [publishState, publish] = usePublishWorkflowMutation();
  const [rollbackState, rollback] = useRollbackWorkflowMutation();
  const [failure, setFailure] = useState<{ title: string; error: CombinedError }>();
  const [done, setDone] = useState('');
  const busy = publishState.fetching || rollbackState.fetching;
  const live = workflow.liveVersion?.version;

  async function act(title: string, run: () => Promise<{ error?: CombinedError }>, message: string) {
    setFailure(undefined);
    setDone('');
    const result = await run();
    if (result.error) setFailure({ title, error: result.error });
    else setDone(message);
  }

  const actionsOf = (v: Version) => {
    const action = versionAction(v.version, live);
    if (!editable || action === 'live') return null;
    if (action === 'publish')
      return (
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void act('Could not publish', () => publish({ id: workflow.id, version: v.version }), `Version ${v.version} published.`)
          }
        >
          Publish version {v.version}
        </button>
      );
    return (
      <ConfirmButton
        label={`Roll back to version ${v.version}`}
        disabled={busy}
        question={`Make version ${v.version} live again? New runs use it at once.`}
        confirmLabel="Roll back"
        onConfirm={() =>
          void act('Could not roll back', () => rollback({ id: workflow.id, toVersion: v.version }), `Rolled back to version ${v.version}.`)
        }
      />
    );
  };

  return (
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading">Versions</h2>
      <p aria-live="polite" className="muted">
        {done}
      </p>
      {failure && <ErrorNotice error={failure.error} title={failure.title} />}
      <QueryState
        data={versions.data}
        fetching={versions.fetching}
        error={versions.error}
        label="Loading versions"
        isEmpty={() => versions.nodes.length === 0}
        empty="No saved versions."
      >
        {() => (
          <TableScroll label={'Versions'}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Saved</th>
                  <th scope="col">By</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {versions.nodes.map((v) => (
                  <tr key={v.id}>
                    <td>
                      {v.version} {v.isLive && <span className="badge badge-ok">Live</span>}
                    </td>
                    <td>
                      <time dateTime={v.createdAt}>{formatDateTime(v.createdAt)}</time>
                    </td>
                    <td>{v.createdBy.name}</td>
                    <td>{actionsOf(v)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </QueryState>
      <LoadMore page={versions} />
    </section>
  );
}
