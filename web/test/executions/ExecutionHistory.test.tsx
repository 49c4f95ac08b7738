import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { Provider, type Client } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { fromValue } from 'wonka';
import { ExecutionHistory } from '../../src/pages/executions/ExecutionHistory';
import { execution } from './fixtures';

const ROWS = [execution({ id: 'e1', status: 'FAILED', error: 'card declined' }), execution({ id: 'e2', status: 'SUCCEEDED' })];

/** Answers the history with the executions of the asked status, recording each ask's variables. */
function fakeGraph() {
  const asked: Record<string, unknown>[] = [];
  const client = {
    executeQuery: vi.fn((operation: { variables: { status: string | null } }) => {
      asked.push(operation.variables);
      const nodes = ROWS.filter((e) => !operation.variables.status || e.status === operation.variables.status);
      const data = {
        executions: { edges: nodes.map((node) => ({ cursor: node.id, node })), pageInfo: { hasNextPage: false, endCursor: null } },
      };
      return fromValue({ operation, data, stale: false, hasNext: false });
    }),
  } as unknown as Client;
  return { client, asked };
}

describe('ExecutionHistory', () => {
  it("lists a workflow's executions and filters them by status", async () => {
    const graph = fakeGraph();
    render(
      <Provider value={graph.client}>
        <MemoryRouter>
          <ExecutionHistory workflowId="w1" />
        </MemoryRouter>
      </Provider>,
    );
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(3));
    expect(graph.asked[0]).toMatchObject({ workflowId: 'w1', status: null });

    await userEvent.selectOptions(screen.getByLabelText('Status'), 'FAILED');
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2));
    expect(graph.asked.at(-1)).toMatchObject({ workflowId: 'w1', status: 'FAILED' });
    expect(screen.getByRole('cell', { name: 'card declined' })).toBeInTheDocument();
    expect(screen.getAllByRole('link')[0]).toHaveAttribute('href', '/executions/e1');

    await userEvent.selectOptions(screen.getByLabelText('Status'), 'CANCELLED');
    expect(await screen.findByText('No CANCELLED executions.')).toBeInTheDocument();
  });
});
