import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../src/generated/graphql';
import WorkflowPage from '../../src/pages/workflows/WorkflowPage';
import { workflowDetail } from './fixtures';
import { mockClient, mutationsOf, renderTree } from './mock-client';

const session = vi.hoisted(() => ({ role: 'ADMIN' as Role }));
vi.mock('../../src/session/SessionProvider', () => ({ useSession: () => ({ session: { role: session.role } }) }));
// The page, not the builder (web/test/builder covers it): the builder shows what it was given.
vi.mock('../../src/pages/workflows/builder', () => ({
  default: ({ definition }: { definition: unknown }) => <pre>{JSON.stringify(definition)}</pre>,
}));

const ROUTE = '/workflows/:id/*';

describe('workflow page', () => {
  beforeEach(() => {
    session.role = 'ADMIN';
  });

  it('opens on the builder with the latest version', async () => {
    const client = mockClient({ WorkflowDetail: () => workflowDetail() });
    render(renderTree(client, <WorkflowPage />, { path: '/workflows/w1', route: ROUTE }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Deploy alerts' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Builder' })).toBeInTheDocument();
    expect(await screen.findByText(/"tell"/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Builder' })).toHaveAttribute('aria-current', 'page');
  });

  it('publishes the latest saved version with Publish', async () => {
    const client = mockClient({
      WorkflowDetail: () => workflowDetail(),
      PublishWorkflow: (v) => ({
        publishWorkflow: { workflow: { id: v.id, updatedAt: '2026-01-03T00:00:00Z', liveVersion: { id: 'v3', version: v.version } } },
      }),
    });
    render(renderTree(client, <WorkflowPage />, { path: '/workflows/w1', route: ROUTE }));
    await userEvent.click(await screen.findByRole('button', { name: 'Publish' }));
    expect(mutationsOf(client)).toEqual([['PublishWorkflow', { id: 'w1', version: 3 }]]);
    expect(await screen.findByText('Version 3 published.')).toBeInTheDocument();
  });

  it('cannot publish a version that is already live', async () => {
    const client = mockClient({ WorkflowDetail: () => workflowDetail({ liveVersion: { id: 'v3', version: 3 } }) });
    render(renderTree(client, <WorkflowPage />, { path: '/workflows/w1', route: ROUTE }));
    expect(await screen.findByRole('button', { name: 'Publish' })).toBeDisabled();
  });

  it('runs the workflow now and opens the execution', async () => {
    const client = mockClient({
      WorkflowDetail: () => workflowDetail(),
      ExecuteWorkflow: () => ({
        executeWorkflow: {
          execution: {
            id: 'e9',
            version: 2,
            status: 'QUEUED',
            triggerKind: 'MANUAL',
            queuedAt: '2026-01-03T00:00:00Z',
            startedAt: null,
            finishedAt: null,
            durationMs: null,
            error: null,
          },
        },
      }),
    });
    render(renderTree(client, <WorkflowPage />, { path: '/workflows/w1', route: ROUTE }));
    await userEvent.click(await screen.findByRole('button', { name: 'Run now' }));
    expect(mutationsOf(client)).toEqual([['ExecuteWorkflow', { input: { workflowId: 'w1' } }]]);
    expect(await screen.findByText('Execution page')).toBeInTheDocument();
  });

  it("shows the server's error when a run is refused", async () => {
    const client = mockClient({
      WorkflowDetail: () => workflowDetail(),
      ExecuteWorkflow: () => ({
        error: { message: 'No published version', extensions: { code: 'FAILED_PRECONDITION', request_id: 'req-1' } },
      }),
    });
    render(renderTree(client, <WorkflowPage />, { path: '/workflows/w1', route: ROUTE }));
    await userEvent.click(await screen.findByRole('button', { name: 'Run now' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not start a run');
    expect(alert).toHaveTextContent('No published version');
    expect(alert).toHaveTextContent('req-1');
  });

  it('hides admin actions from a member, who may still run it', async () => {
    session.role = 'MEMBER';
    const client = mockClient({ WorkflowDetail: () => workflowDetail() });
    render(renderTree(client, <WorkflowPage />, { path: '/workflows/w1', route: ROUTE }));
    expect(await screen.findByRole('button', { name: 'Run now' })).toBeEnabled();
    expect(screen.queryByRole('button', { name: 'Publish' })).not.toBeInTheDocument();
    expect(screen.queryByRole('switch', { name: 'Active' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
  });

  it('deletes only after confirming', async () => {
    const client = mockClient({
      WorkflowDetail: () => workflowDetail(),
      DeleteWorkflow: (v) => ({
        deleteWorkflow: { workflow: { id: v.id, deletedAt: '2026-01-03T00:00:00Z' }, restorableUntil: '2026-02-02T00:00:00Z' },
      }),
    });
    render(renderTree(client, <WorkflowPage />, { path: '/workflows/w1', route: ROUTE }));
    await userEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    expect(mutationsOf(client)).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Delete workflow' }));
    await waitFor(() => expect(mutationsOf(client)).toEqual([['DeleteWorkflow', { id: 'w1' }]]));
  });

  it('offers restore, not publish or run, on a deleted workflow', async () => {
    const client = mockClient({
      WorkflowDetail: () => workflowDetail({ deletedAt: '2026-01-03T00:00:00Z' }),
      RestoreWorkflow: (v) => ({ restoreWorkflow: { workflow: { id: v.id, deletedAt: null } } }),
    });
    render(renderTree(client, <WorkflowPage />, { path: '/workflows/w1', route: ROUTE }));
    await userEvent.click(await screen.findByRole('button', { name: 'Restore' }));
    expect(mutationsOf(client)).toEqual([['RestoreWorkflow', { id: 'w1' }]]);
    expect(screen.queryByRole('button', { name: 'Publish' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Run now' })).not.toBeInTheDocument();
  });
});
