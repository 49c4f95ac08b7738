import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { WorkflowsDocument, type WorkflowsQuery, type WorkflowSummaryFragment } from '../../generated/graphql';
import { useSession } from '../../session/SessionProvider';
import { LoadMore } from '../../ui/LoadMore';
import { QueryState } from '../../ui/QueryState';
import { formatDateTime, formatRelative } from '../../ui/format';
import { usePagedConnection } from '../../ui/usePagedConnection';
import { ExecutionStatusBadge } from './ExecutionStatusBadge';
import { NewWorkflowForm } from './NewWorkflowForm';
import { TemplateForm } from './TemplateForm';
import { WorkflowListFilters } from './WorkflowListFilters';
import { canEditWorkflows } from './roles';
import { filterFromSearch, listVariables, searchFromFilter, type WorkflowListFilter } from './workflow-list-filter';

const connectionOf = (data: WorkflowsQuery) => data.workflows;

/** The organization's workflows: filtered, sorted, paged; admins create them here. */
export default function Workflows() {
  const { session } = useSession();
  const [search, setSearch] = useSearchParams();
  const filter = useMemo(() => filterFromSearch(search), [search]);
  const variables = useMemo(() => listVariables(filter), [filter]);
  const list = usePagedConnection(WorkflowsDocument, variables, connectionOf);
  const [creating, setCreating] = useState<'blank' | 'template'>();
  const canEdit = canEditWorkflows(session?.role);
  const filtered = filter.active !== 'all' || filter.tag !== '';
  const setFilter = (next: WorkflowListFilter) => setSearch(searchFromFilter(next), { replace: true });

  return (
    <section className="workflows">
      <div className="page-heading">
        <h1>Workflows</h1>
        {canEdit && (
          <div className="actions">
            <button
              type="button"
              className="primary"
              aria-expanded={creating === 'blank'}
              onClick={() => setCreating(creating === 'blank' ? undefined : 'blank')}
            >
              New workflow
            </button>
            <button
              type="button"
              aria-expanded={creating === 'template'}
              onClick={() => setCreating(creating === 'template' ? undefined : 'template')}
            >
              From template
            </button>
          </div>
        )}
      </div>
      {creating === 'blank' && <NewWorkflowForm onCancel={() => setCreating(undefined)} />}
      {creating === 'template' && <TemplateForm onCancel={() => setCreating(undefined)} />}
      <WorkflowListFilters key={filter.tag} filter={filter} onChange={setFilter} />
      <QueryState
        data={list.data}
        fetching={list.fetching}
        error={list.error}
        label="Loading workflows"
        isEmpty={() => list.nodes.length === 0}
        empty={
          filtered ? (
            <p>No workflow matches these filters.</p>
          ) : (
            <p>No workflows yet. {canEdit ? 'Create one, start from a template, or accept a suggestion.' : 'An admin can create one.'}</p>
          )
        }
      >
        {() => (
          <ul className="workflow-list" aria-busy={list.fetching}>
            {list.nodes.map((workflow) => (
              <WorkflowRow key={workflow.id} workflow={workflow} />
            ))}
          </ul>
        )}
      </QueryState>
      <LoadMore page={list} auto />
    </section>
  );
}

function WorkflowRow({ workflow }: { workflow: WorkflowSummaryFragment }) {
  const last = workflow.latestExecution;
  return (
    <li className="workflow-row">
      <Link to={`/workflows/${workflow.id}`} className="workflow-name">
        {workflow.name}
      </Link>
      <span className={workflow.isActive ? 'badge badge-ok' : 'badge'}>{workflow.isActive ? 'Active' : 'Inactive'}</span>
      {workflow.tags.length > 0 && (
        <ul className="tags" aria-label="Tags">
          {workflow.tags.map((tag) => (
            <li key={tag}>
              <Link to={`/workflows?tag=${encodeURIComponent(tag)}`} className="tag">
                {tag}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <span className="muted">
        Updated{' '}
        <time dateTime={workflow.updatedAt} title={formatDateTime(workflow.updatedAt)}>
          {formatRelative(workflow.updatedAt)}
        </time>
      </span>
      <span className="muted">
        Last run:{' '}
        {last ? (
          <Link to={`/executions/${last.id}`}>
            <ExecutionStatusBadge status={last.status} />
          </Link>
        ) : (
          'never'
        )}
      </span>
    </li>
  );
}
