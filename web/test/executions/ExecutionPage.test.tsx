import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { Provider, type Client } from 'urql';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fromValue, make, never, type Source } from 'wonka';
import type { ExecutionDetailFragment } from '../../src/generated/graphql';
import ExecutionPage from '../../src/pages/executions/ExecutionPage';
import { execution, step } from './fixtures';

const session = vi.hoisted(() => ({ role: 'MEMBER' }));
vi.mock('../../src/session/SessionProvider', () => ({ useSession: () => ({ session }) }));

/** A graph whose executions are `stored` by id, whose live updates the test pushes, and which records mutations. */
function fakeGraph(stored: Record<string, ExecutionDetailFragment>) {
  const live = { push: (_e: ExecutionDetailFragment) => {}, subscribed: 0, ended: 0 };
  const mutations: { name: string; variables: Record<string, unknown> }[] = [];
  const client = {
    executeQuery: vi.fn((operation: { variables: { id: string } }) =>
      fromValue({ operation, data: { execution: stored[operation.variables.id] ?? null }, stale: false, hasNext: false }),
    ),
    executeSubscription: vi.fn((operation: unknown): Source<unknown> =>
      make((observer) => {
        live.subscribed += 1;
        live.push = (e) => observer.next({ operation, data: { executionUpdated: e }, stale: false, hasNext: true });
        return () => {
          live.ended += 1;
        };
      }),
    ),
    executeMutation: vi.fn((operation: { variables: Record<string, unknown>; query: { definitions: { name: { value: string } }[] } }) => {
      const name = operation.query.definitions[0]!.name.value;
      mutations.push({ name, variables: operation.variables });
      const id = operation.variables.id as string;
      if (name === 'CancelExecution')
        return fromValue({ operation, data: { cancelExecution: { execution: { ...stored[id]!, status: 'CANCELLED' } } } });
      if (name === 'RerunExecution') return fromValue({ operation, data: { rerunExecution: { execution: stored['e2'] } } });
      return never;
    }),
  } as unknown as Client;
  return { client, live, mutations };
}

function renderAt(graph: ReturnType<typeof fakeGraph>, id = 'e1') {
  return render(
    <Provider value={graph.client}>
      <MemoryRouter initialEntries={[`/executions/${id}`]}>
        <Routes>
          <Route path="/executions/:id" element={<ExecutionPage />} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
}

beforeEach(() => {
  session.role = 'MEMBER';
});

describe('ExecutionPage', () => {
  it('merges live updates into the status and step list, announces the change and stops listening once finished', async () => {
    const graph = fakeGraph({ e1: execution({ steps: [step({ id: 'fetch', type: 'http_request' })] }) });
    renderAt(graph);
    expect(await screen.findByTestId('execution-status')).toHaveTextContent('RUNNING');
    await waitFor(() => expect(graph.live.subscribed).toBe(1));

    act(() =>
      graph.live.push(
        execution({
          steps: [
            step({ id: 'fetch', type: 'http_request', status: 'SUCCEEDED', output: { status: 200 } }),
            step({ id: 'shape', startedAt: '2026-01-01T10:00:01.000Z' }),
          ],
        }),
      ),
    );
    await waitFor(() => expect(screen.getAllByTestId('step-run')).toHaveLength(2));
    expect(screen.getAllByTestId('step-run')[0]).toHaveTextContent('SUCCEEDED');
    expect(screen.getAllByTestId('step-run')[0]).toHaveTextContent('"status": 200');

    act(() =>
      graph.live.push(
        execution({
          status: 'SUCCEEDED',
          durationMs: 1500,
          steps: [
            step({ id: 'fetch', type: 'http_request', status: 'SUCCEEDED' }),
            step({ id: 'shape', status: 'SUCCEEDED', startedAt: '2026-01-01T10:00:01.000Z' }),
          ],
        }),
      ),
    );
    await waitFor(() => expect(screen.getByTestId('execution-status')).toHaveTextContent('SUCCEEDED'));
    expect(screen.getByText('Execution status: SUCCEEDED')).toHaveAttribute('aria-live', 'polite');
    await waitFor(() => expect(graph.live.ended).toBe(1));
    expect(screen.queryByRole('button', { name: /cancel/i })).not.toBeInTheDocument();
  });

  it('does not subscribe to an execution that had already finished', async () => {
    const graph = fakeGraph({ e1: execution({ status: 'SUCCEEDED' }) });
    renderAt(graph);
    expect(await screen.findByTestId('execution-status')).toHaveTextContent('SUCCEEDED');
    expect(graph.client.executeSubscription).not.toHaveBeenCalled();
  });

  it('offers cancel only while running, and shows the cancelled execution', async () => {
    const graph = fakeGraph({ e1: execution() });
    renderAt(graph);
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel execution' }));
    expect(graph.mutations).toEqual([{ name: 'CancelExecution', variables: { id: 'e1' } }]);
    await waitFor(() => expect(screen.getByTestId('execution-status')).toHaveTextContent('CANCELLED'));
    expect(screen.queryByRole('button', { name: 'Cancel execution' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /re-run/i })).not.toBeInTheDocument();
  });

  it('re-runs a failed execution from its failed step and opens the new execution', async () => {
    const failed = execution({
      status: 'FAILED',
      error: 'Step shape failed',
      steps: [step({ id: 'shape', status: 'FAILED', attempts: 3, error: 'x is not defined' })],
    });
    const graph = fakeGraph({ e1: failed, e2: execution({ id: 'e2', status: 'QUEUED', rerunOf: { id: 'e1' } }) });
    renderAt(graph);
    expect(await screen.findByText('x is not defined')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel execution' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Re-run from failed step' }));
    expect(graph.mutations).toEqual([{ name: 'RerunExecution', variables: { id: 'e1' } }]);
    await waitFor(() => expect(screen.getByTestId('execution-status')).toHaveTextContent('QUEUED'));
    expect(screen.getByRole('link', { name: 'the failed execution' })).toHaveAttribute('href', '/executions/e1');
  });

  it('shows viewers no actions', async () => {
    session.role = 'VIEWER';
    renderAt(fakeGraph({ e1: execution({ status: 'FAILED' }) }));
    expect(await screen.findByTestId('execution-status')).toHaveTextContent('FAILED');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
