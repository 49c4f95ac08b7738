import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { Provider, type Client } from 'urql';
import { fromValue, never } from 'wonka';
import { describe, expect, it, vi } from 'vitest';
import Reports from '../../src/pages/reports/Reports';

const session = { role: 'MEMBER', user: { id: 'u1', name: 'Ada' }, organization: { id: 'o1', name: 'Acme' } };
vi.mock('../../src/session/SessionProvider', () => ({ useSession: () => ({ session }) }));
// uPlot draws on a canvas jsdom does not have; the figures' text alternatives are what is checked here.
vi.mock('../../src/pages/reports/UPlotChart', () => ({
  UPlotChart: () => null,
  PALETTE: ['#000'],
  bars: () => undefined,
  dayAxis: { axis: {} },
}));

const report = {
  from: '2026-03-01',
  to: '2026-03-02',
  aggregatedThrough: '2026-03-02T12:00:00Z',
  eventsPerToolPerDay: [
    { day: '2026-03-01', tool: 'github', events: 3 },
    { day: '2026-03-02', tool: 'slack', events: 2 },
  ],
  activity: [
    {
      day: '2026-03-01',
      activeUsers: 2,
      monthlyActiveUsers: 4,
      workflowsCreated: 1,
      executionsSucceeded: 3,
      executionsFailed: 1,
      executionSuccessRate: 0.75,
    },
    {
      day: '2026-03-02',
      activeUsers: 1,
      monthlyActiveUsers: 4,
      workflowsCreated: 0,
      executionsSucceeded: 0,
      executionsFailed: 0,
      executionSuccessRate: null,
    },
  ],
  suggestions: { offered: 4, accepted: 1, dismissed: 2, acceptanceRate: 0.25 },
  activationFunnel: { signedUp: 3, firstEvent: 2, firstWorkflow: 1, firstSuccessfulRun: 1 },
};

function renderReports(answer: () => unknown = () => never) {
  const client = { executeQuery: vi.fn(answer), executeMutation: vi.fn(() => never), executeSubscription: vi.fn(() => never) };
  render(
    <Provider value={client as unknown as Client}>
      <MemoryRouter>
        <Reports />
      </MemoryRouter>
    </Provider>,
  );
  return client;
}

describe('the reports page', () => {
  it.each(['MEMBER', 'VIEWER'])('tells a %s that reports are for admins, without asking for one', (role) => {
    session.role = role;
    const client = renderReports();
    expect(screen.getByText('Reports are for admins.')).toBeInTheDocument();
    expect(client.executeQuery).not.toHaveBeenCalled();
  });

  it("asks an admin for the last 30 days' report", () => {
    session.role = 'ADMIN';
    const client = renderReports();
    expect(screen.getByRole('radio', { name: 'Last 30 days' })).toBeChecked();
    expect(client.executeQuery).toHaveBeenCalledTimes(1);
    const [operation] = client.executeQuery.mock.calls[0] as unknown as [{ variables: { from: string; to: string } }];
    const { from, to } = operation.variables;
    expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBe(29);
  });

  it('gives each chart its key figures in words', () => {
    session.role = 'OWNER';
    renderReports(() => fromValue({ data: { organizationReport: report } }));
    expect(screen.getByText('5 events: github 3, slack 2.')).toBeInTheDocument();
    expect(screen.getByText(/On 2026-03-02: 1 daily active, 4 monthly active/)).toBeInTheDocument();
    expect(screen.getByText('3 succeeded, 1 failed: 75 % success rate. 1 workflow created.')).toBeInTheDocument();
    expect(screen.getByText('4 offered, 1 accepted, 2 dismissed: 25 % accepted.')).toBeInTheDocument();
    expect(
      screen.getByText('Joined: 3 → First event: 2 (67 %) → First workflow: 1 (50 %) → First successful run: 1 (100 %)'),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('table')).toHaveLength(5);
  });
});
