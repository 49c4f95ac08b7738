import { lazy, Suspense } from 'react';
import { Link, Navigate, NavLink, Route, Routes, useParams } from 'react-router';
import { useWorkflowDetailQuery, type WorkflowDetailQuery } from '../../generated/graphql';
import { useSession } from '../../session/SessionProvider';
import { QueryState } from '../../ui/QueryState';
import { ExecutionsSection } from './ExecutionsSection';
import { TriggersSection } from './TriggersSection';
import { VersionsSection } from './VersionsSection';
import { WorkflowHeader } from './WorkflowHeader';
import { canEditWorkflows } from './roles';

// The builder (React Flow) is the heaviest part of the page: its own chunk, loaded with the Builder section.
const WorkflowBuilder = lazy(() => import('./builder'));

export type WorkflowDetail = NonNullable<WorkflowDetailQuery['workflow']>;

const SECTIONS = [
  { to: '', label: 'Builder', end: true },
  { to: 'versions', label: 'Versions' },
  { to: 'triggers', label: 'Triggers' },
  { to: 'executions', label: 'Executions' },
];

/** One workflow: header actions, then its sections (`/workflows/<id>` opens on the Builder). */
export default function WorkflowPage() {
  const id = useParams().id ?? '';
  const [{ data, fetching, error }, reexecute] = useWorkflowDetailQuery({ variables: { id } });
  return (
    <QueryState data={data} fetching={fetching} error={error} label="Loading the workflow">
      {(d) => (d.workflow ? <Workflow workflow={d.workflow} refetch={() => reexecute({ requestPolicy: 'network-only' })} /> : <NotFound />)}
    </QueryState>
  );
}

function Workflow({ workflow, refetch }: { workflow: WorkflowDetail; refetch: () => void }) {
  const { session } = useSession();
  const editable = canEditWorkflows(session?.role) && !workflow.deletedAt;
  const base = `/workflows/${workflow.id}`;
  return (
    <article className="workflow-page">
      <WorkflowHeader workflow={workflow} />
      <nav aria-label="Workflow sections" className="section-tabs">
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.label}>
              <NavLink to={section.to ? `${base}/${section.to}` : base} end={section.end}>
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route
          index
          element={
            <section aria-labelledby="builder-heading">
              <h2 id="builder-heading">Builder</h2>
              <Suspense
                fallback={
                  <p role="status" className="muted">
                    Loading the builder…
                  </p>
                }
              >
                <WorkflowBuilder
                  workflowId={workflow.id}
                  definition={workflow.latestVersion.definition}
                  version={workflow.latestVersion.version}
                  readOnly={!editable}
                  onSaved={refetch}
                />
              </Suspense>
            </section>
          }
        />
        <Route path="versions" element={<VersionsSection workflow={workflow} editable={editable} />} />
        <Route path="triggers" element={<TriggersSection workflow={workflow} editable={editable} />} />
        <Route path="executions" element={<ExecutionsSection workflowId={workflow.id} />} />
        <Route path="*" element={<Navigate to={base} replace />} />
      </Routes>
    </article>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Workflow not found</h1>
      <p>
        It may have been deleted more than 30 days ago, or belong to another organization. <Link to="/workflows">All workflows</Link>
      </p>
    </section>
  );
}
