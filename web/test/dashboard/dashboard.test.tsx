import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Dashboard from '../../src/pages/dashboard/Dashboard';
import { answer, graphError } from '../support/graph';
import { renderAt, sessionAs, storeSession } from '../support/session';

vi.mock('../../src/session/client', async () => (await import('../support/graph')).graphClientModule);

afterEach(() => {
  cleanup();
  storeSession(null);
});

const noEvents = () => ({
  data: { events: { __typename: 'EventConnection', edges: [], pageInfo: { hasNextPage: false, endCursor: null } } },
});

const suggestion = (id: string, title: string) => ({
  node: {
    __typename: 'Suggestion',
    id,
    title,
    explanation: 'You do this often.',
    estimatedMinutesSavedPerWeek: 12,
    offeredAt: '2026-12-01T09:00:00Z',
    template: { __typename: 'WorkflowTemplate', id: 'pr-to-slack', name: 'PR to Slack', connectors: ['github', 'slack'] },
  },
});

const dashboard = (edges: ReturnType<typeof suggestion>[], hasNextPage: boolean) => ({
  data: {
    me: {
      __typename: 'User',
      id: 'user-1',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      suggestions: { __typename: 'SuggestionConnection', edges, pageInfo: { hasNextPage, endCursor: null } },
    },
    currentOrganization: { __typename: 'Organization', id: 'org-1', name: 'Engines' },
    workflows: { __typename: 'WorkflowConnection', edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
  },
});

const pattern = (id: string, direction: string, suggestionStatus: string | null) => ({
  node: {
    __typename: 'Pattern',
    id,
    support: 7,
    confidence: 0.83,
    lastSeenAt: '2026-12-05T09:00:00Z',
    sequence: [
      { __typename: 'PatternStep', tool: 'github', eventType: 'pr.opened' },
      { __typename: 'PatternStep', tool: 'slack', eventType: 'message.posted' },
    ],
    trend: { __typename: 'PatternTrend', direction, lastWeek: 6, previousWeek: 2 },
    suggestion: suggestionStatus ? { __typename: 'Suggestion', id: `s-${id}`, status: suggestionStatus } : null,
  },
});

function openDashboard(handlers: Parameters<typeof answer>[0]) {
  answer({ RecentEvents: noEvents, ...handlers });
  storeSession(sessionAs('MEMBER'));
  renderAt('/', '/', <Dashboard />);
}

describe('Dashboard', () => {
  it('greets the person, counts open suggestions and shows top patterns with their trend', async () => {
    openDashboard({
      Dashboard: () => dashboard([suggestion('s1', 'Post PRs to Slack'), suggestion('s2', 'Archive files')], true),
      TopPatterns: () => ({
        data: {
          me: { __typename: 'User', id: 'user-1', patterns: { __typename: 'PatternConnection', edges: [pattern('p1', 'RISING', 'OPEN')] } },
        },
      }),
    });
    expect(screen.getByText('Welcome back, Ada Lovelace.')).toBeInTheDocument();

    const suggestions = screen.getByRole('region', { name: 'Open suggestions' });
    expect(await within(suggestions).findByText('2+')).toBeInTheDocument();
    expect(within(suggestions).getByRole('link', { name: 'Post PRs to Slack' })).toHaveAttribute('href', '/suggestions');
    expect(within(suggestions).getAllByText('Saves about 12 min a week')).toHaveLength(2);

    const patterns = screen.getByRole('region', { name: 'Your top patterns' });
    const item = await within(patterns).findByRole('listitem');
    expect(item).toHaveTextContent('github pr.opened → then slack message.posted');
    expect(item).toHaveTextContent('In 7 sessions · 83 % confidence');
    expect(item).toHaveTextContent('Rising (6 sessions last week, 2 the week before)');
    expect(within(item).getByRole('link', { name: 'See the suggestion to automate it' })).toBeInTheDocument();
  });

  it('says what to expect when there is nothing yet, and shows a failed section’s error', async () => {
    openDashboard({
      Dashboard: () => dashboard([], false),
      TopPatterns: () => graphError('Analytics is unavailable', 'SERVICE_UNAVAILABLE'),
    });
    expect(await screen.findByText(/No open suggestions\. Flowgraph suggests a workflow/)).toBeInTheDocument();
    expect(
      await within(screen.getByRole('region', { name: 'Your top patterns' })).findByText(/Analytics is unavailable/),
    ).toBeInTheDocument();
  });
});
