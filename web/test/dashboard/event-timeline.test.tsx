import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { Provider, type Client } from 'urql';
import { fromValue } from 'wonka';
import { describe, expect, it, vi } from 'vitest';
import { EventTimeline } from '../../src/pages/dashboard/EventTimeline';

const page = (ids: string[], hasNextPage: boolean) => ({
  data: {
    events: {
      edges: ids.map((id) => ({
        node: { id, tool: 'github', eventType: 'pr.opened', occurredAt: '2026-03-10T10:00:00Z', user: { id: 'u1', name: 'Ada' } },
      })),
      pageInfo: { hasNextPage, endCursor: hasNextPage ? 'cursor-1' : null },
    },
  },
});

type Operation = { variables: { first: number; after?: string; filter: Record<string, string> } };

function renderTimeline(initialEntry = '/') {
  const executeQuery = vi.fn((operation: Operation) =>
    fromValue(operation.variables.after ? page(['e3'], false) : page(['e1', 'e2'], true)),
  );
  render(
    <Provider value={{ executeQuery, query: vi.fn() } as unknown as Client}>
      <MemoryRouter initialEntries={[initialEntry]}>
        <EventTimeline />
      </MemoryRouter>
    </Provider>,
  );
  return executeQuery;
}

describe('the events timeline', () => {
  it('asks for the last 7 days by default and lists the events', async () => {
    const executeQuery = renderTimeline();
    expect(await screen.findAllByText('pr.opened')).toHaveLength(2);
    const { variables } = executeQuery.mock.calls[0][0];
    expect(variables.first).toBe(25);
    expect(Object.keys(variables.filter)).toEqual(['from']);
    expect(screen.getByRole('button', { name: 'Load more' })).toBeInTheDocument();
  });

  it('applies the filters typed in the form (and reads them from the address)', async () => {
    const executeQuery = renderTimeline('/?type=message.posted');
    expect(screen.getByLabelText('Event type')).toHaveValue('message.posted');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Tool'), 'Slack');
    await user.selectOptions(screen.getByLabelText('Time range'), 'Any time');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    const last = executeQuery.mock.calls.at(-1)![0];
    expect(last.variables.filter).toEqual({ tool: 'slack', eventType: 'message.posted' });
  });

  it('does not apply a tool Core would refuse', async () => {
    const executeQuery = renderTimeline();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Tool'), 'git hub');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(screen.getByLabelText('Tool')).toHaveAttribute('aria-invalid', 'true');
    expect(executeQuery.mock.calls.every(([op]) => op.variables.filter.tool === undefined)).toBe(true);
  });
});
