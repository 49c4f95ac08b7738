import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '../../src/generated/graphql';
import Workflows from '../../src/pages/workflows/Workflows';
import { mockClient, mutationsOf, renderTree } from './mock-client';

const session = vi.hoisted(() => ({ role: 'OWNER' as Role }));
vi.mock('../../src/session/SessionProvider', () => ({ useSession: () => ({ session: { role: session.role } }) }));

const summary = {
  id: 'w1',
  name: 'Deploy alerts',
  isActive: true,
  tags: ['ops'],
  updatedAt: '2026-01-02T10:00:00Z',
  latestExecution: { id: 'e1', status: 'FAILED', finishedAt: null },
};
const page = (nodes: unknown[]) => ({
  workflows: { edges: nodes.map((node, i) => ({ cursor: `c${i}`, node })), pageInfo: { hasNextPage: false, endCursor: null } },
});
const queriedVariables = (client: ReturnType<typeof mockClient>) =>
  client.executeQuery.mock.calls.map(([operation]) => operation.variables);

describe('workflows list', () => {
  it('shows each workflow with its state, tags and last run, linking to its page', async () => {
    const client = mockClient({ Workflows: () => page([summary]) });
    render(renderTree(client, <Workflows />, { path: '/workflows' }));
    expect(await screen.findByRole('link', { name: 'Deploy alerts' })).toHaveAttribute('href', '/workflows/w1');
    expect(screen.getByText('Active', { selector: '.badge' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'ops' })).toHaveAttribute('href', '/workflows?tag=ops');
    expect(screen.getByRole('link', { name: 'Failed' })).toHaveAttribute('href', '/executions/e1');
  });

  it('asks the graph again with the filter and order chosen', async () => {
    const client = mockClient({ Workflows: () => page([]) });
    render(renderTree(client, <Workflows />, { path: '/workflows?tag=ops' }));
    expect(await screen.findByText('No workflow matches these filters.')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('State'), 'inactive');
    await userEvent.selectOptions(screen.getByLabelText('Sort by'), 'NAME');
    await waitFor(() =>
      expect(queriedVariables(client)).toContainEqual({
        first: 25,
        filter: { isActive: false, tag: 'ops' },
        orderBy: { field: 'NAME', direction: 'DESC' },
      }),
    );
    expect(screen.getByLabelText('Order')).toHaveDisplayValue('Z to A');
  });

  it('creates a workflow after checking its name, then opens it', async () => {
    const client = mockClient({
      Workflows: () => page([]),
      CreateWorkflow: (v) => ({
        createWorkflow: { workflow: { ...summary, id: 'w2', name: (v.input as { name: string }).name, tags: [], latestExecution: null } },
      }),
      WorkflowDetail: () => ({ workflow: null }),
    });
    render(renderTree(client, <Workflows />, { path: '/workflows' }));
    await userEvent.click(await screen.findByRole('button', { name: 'New workflow' }));
    await userEvent.click(screen.getByRole('button', { name: 'Create workflow' }));
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Enter a name');
    expect(mutationsOf(client)).toEqual([]);
    await userEvent.type(screen.getByLabelText('Name'), ' Nightly report ');
    await userEvent.type(screen.getByLabelText('Tags'), 'reports, ops, reports');
    await userEvent.click(screen.getByRole('button', { name: 'Create workflow' }));
    expect(mutationsOf(client)).toEqual([
      ['CreateWorkflow', { input: { name: 'Nightly report', description: '', tags: ['reports', 'ops'] } }],
    ]);
  });

  it('offers no creation to a viewer', async () => {
    session.role = 'VIEWER';
    const client = mockClient({ Workflows: () => page([]) });
    render(renderTree(client, <Workflows />, { path: '/workflows' }));
    expect(await screen.findByText(/An admin can create one/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New workflow' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'From template' })).not.toBeInTheDocument();
  });
});
