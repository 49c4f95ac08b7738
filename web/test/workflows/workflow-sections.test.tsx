import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../src/generated/graphql';
import WorkflowPage from '../../src/pages/workflows/WorkflowPage';
import { answer, callsOf, graphError, type Handler } from '../support/graph';
import { renderAt, sessionAs, storeSession } from '../support/session';

vi.mock('../../src/session/client', async () => (await import('../support/graph')).graphClientModule);

afterEach(() => {
  cleanup();
  storeSession(null);
});

const at = '2026-12-01T10:00:00.000Z';

function workflow(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Workflow',
    id: 'w1',
    name: 'Ship notes',
    isActive: true,
    tags: [],
    updatedAt: at,
    latestExecution: null,
    description: null,
    concurrencyLimit: null,
    deletedAt: null,
    owner: { __typename: 'User', id: 'user-1', name: 'Ada Lovelace' },
    liveVersion: { __typename: 'WorkflowVersion', id: 'v2', version: 2 },
    latestVersion: { __typename: 'WorkflowVersion', id: 'v3', version: 3, definition: { steps: [], edges: [] }, createdAt: at },
    triggers: [
      {
        __typename: 'Trigger',
        id: 't-cron',
        kind: 'CRON',
        enabled: true,
        createdAt: at,
        cron: { __typename: 'CronTrigger', pattern: '0 9 * * 1', timezone: 'Europe/Paris', nextRuns: [at] },
        webhook: null,
        event: null,
      },
      {
        __typename: 'Trigger',
        id: 't-hook',
        kind: 'WEBHOOK',
        enabled: false,
        createdAt: at,
        cron: null,
        webhook: { __typename: 'WebhookTrigger', url: 'https://flowgraph.test/webhooks/w1/t-hook' },
        event: null,
      },
    ],
    ...overrides,
  };
}

function open(section: string, role: Role, handlers: Record<string, Handler> = {}) {
  answer({ WorkflowDetail: () => ({ data: { workflow: workflow() } }), ...handlers });
  storeSession(sessionAs(role));
  renderAt(`/workflows/w1/${section}`, '/workflows/:id/*', <WorkflowPage />);
}

describe('Workflow page, Triggers', () => {
  const triggerActions = {
    SetTriggerEnabled: ({ id, enabled }: Record<string, unknown>) => ({
      data: { setTriggerEnabled: { __typename: 'Trigger', id, enabled } },
    }),
    RemoveTrigger: () => graphError('Trigger not found', 'NOT_FOUND'),
  };

  it('describes each trigger with its next runs or URL, and an admin disables one', async () => {
    open('triggers', 'OWNER', triggerActions);
    const cron = (await screen.findByText('Schedule 0 9 * * 1 (Europe/Paris)')).closest('li')!;
    expect(within(cron).getByText('Enabled')).toBeInTheDocument();
    expect(within(cron).getByText(/^Next runs: /)).toBeInTheDocument();
    const hook = screen.getByText('Webhook').closest('li')!;
    expect(within(hook).getByText('Disabled')).toBeInTheDocument();
    expect(within(hook).getByText('https://flowgraph.test/webhooks/w1/t-hook')).toBeInTheDocument();

    await userEvent.click(within(cron).getByRole('button', { name: 'Disable' }));
    expect(callsOf('SetTriggerEnabled').map((call) => call.variables)).toEqual([{ id: 't-cron', enabled: false }]);
    expect(await screen.findByText('Schedule 0 9 * * 1 (Europe/Paris) disabled.')).toBeInTheDocument();
  });

  it("removes a trigger only once confirmed, and shows the server's refusal", async () => {
    open('triggers', 'ADMIN', triggerActions);
    const hook = (await screen.findByText('Webhook')).closest('li')!;
    await userEvent.click(within(hook).getByRole('button', { name: 'Remove' }));
    expect(screen.getByText('Remove this trigger? It stops at once.')).toBeInTheDocument();
    expect(callsOf('RemoveTrigger')).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Remove trigger' }));
    expect(callsOf('RemoveTrigger').map((call) => call.variables)).toEqual([{ id: 't-hook' }]);
    expect(await screen.findByText('Could not remove')).toBeInTheDocument();
  });

  it('shows a viewer the triggers with nothing to change', async () => {
    open('triggers', 'VIEWER');
    await screen.findByText('Webhook');
    expect(screen.queryByRole('button', { name: /Add trigger|Disable|Enable|Remove/ })).not.toBeInTheDocument();
  });
});

describe('Workflow page, Executions', () => {
  const execution = (id: string, status: string) => ({
    node: {
      __typename: 'Execution',
      id,
      version: 2,
      status,
      triggerKind: 'MANUAL',
      queuedAt: at,
      startedAt: at,
      finishedAt: at,
      durationMs: 1250,
      error: null,
    },
  });

  it('lists executions, filters them by status and says when none match', async () => {
    open('executions', 'MEMBER', {
      WorkflowExecutions: ({ status }) => ({
        data: {
          executions: {
            __typename: 'ExecutionConnection',
            edges: status ? [] : [execution('e1', 'SUCCEEDED'), execution('e2', 'FAILED')],
            pageInfo: { hasNextPage: false, endCursor: null },
          },
        },
      }),
    });
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('link')).toHaveLength(2);

    await userEvent.selectOptions(screen.getByLabelText('Status'), 'CANCELLED');
    expect(await screen.findByText('No executions with this status.')).toBeInTheDocument();
    expect(callsOf('WorkflowExecutions').at(-1)?.variables).toMatchObject({ workflowId: 'w1', status: 'CANCELLED' });
  });
});
