import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AddTriggerForm } from '../../src/pages/workflows/AddTriggerForm';
import { mockClient, mutationsOf, renderTree } from './mock-client';

const trigger = (over: Record<string, unknown>) => ({
  id: 't1',
  kind: 'CRON',
  enabled: true,
  createdAt: '2026-01-01T00:00:00Z',
  cron: null,
  webhook: null,
  event: null,
  ...over,
});

async function fill(label: string, value: string) {
  const input = screen.getByLabelText(label);
  await userEvent.clear(input);
  if (value) await userEvent.type(input, value);
}

describe('add trigger form', () => {
  it('checks the cron pattern and time zone before sending', async () => {
    const client = mockClient({});
    render(renderTree(client, <AddTriggerForm workflowId="w1" onClose={vi.fn()} />));
    await fill('Cron pattern', '0 9 * *');
    await fill('Time zone', 'Atlantis/Capital');
    await userEvent.click(screen.getByRole('button', { name: 'Add trigger' }));
    expect(screen.getByLabelText('Cron pattern')).toHaveAccessibleDescription(/this one has 4/);
    expect(screen.getByLabelText('Time zone')).toHaveAccessibleDescription('"Atlantis/Capital" is not a time zone');
    expect(mutationsOf(client)).toEqual([]);
  });

  it('adds a cron trigger and shows its next runs', async () => {
    const client = mockClient({
      AddTrigger: () => ({
        addTrigger: {
          trigger: trigger({ cron: { pattern: '0 9 * * 1-5', timezone: 'Europe/Paris', nextRuns: ['2026-01-05T08:00:00Z'] } }),
          webhookSecret: null,
        },
      }),
    });
    render(renderTree(client, <AddTriggerForm workflowId="w1" onClose={vi.fn()} />));
    await fill('Cron pattern', '0 9 * * 1-5');
    await fill('Time zone', 'Europe/Paris');
    await userEvent.click(screen.getByRole('button', { name: 'Add trigger' }));
    expect(mutationsOf(client)).toEqual([
      ['AddTrigger', { input: { workflowId: 'w1', kind: 'CRON', cron: { pattern: '0 9 * * 1-5', timezone: 'Europe/Paris' } } }],
    ]);
    expect(await screen.findByText(/Next runs/)).toHaveTextContent('2026');
  });

  it("shows the server's message on the field it names", async () => {
    const client = mockClient({
      AddTrigger: () => ({
        error: {
          message: 'Invalid input',
          extensions: { code: 'VALIDATION_ERROR', details: [{ field: 'cron.pattern', message: 'Minute 61 is out of range' }] },
        },
      }),
    });
    render(renderTree(client, <AddTriggerForm workflowId="w1" onClose={vi.fn()} />));
    await fill('Cron pattern', '61 9 * * *');
    await userEvent.click(screen.getByRole('button', { name: 'Add trigger' }));
    expect(await screen.findByText('Minute 61 is out of range')).toBeInTheDocument();
    expect(screen.getByLabelText('Cron pattern')).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows a webhook secret once, with its URL and a warning', async () => {
    const onClose = vi.fn();
    const client = mockClient({
      AddTrigger: () => ({
        addTrigger: { trigger: trigger({ kind: 'WEBHOOK', webhook: { url: 'http://localhost/webhooks/t1' } }), webhookSecret: 'whsec_abc' },
      }),
    });
    render(renderTree(client, <AddTriggerForm workflowId="w1" onClose={onClose} />));
    await userEvent.click(screen.getByRole('radio', { name: 'Webhook' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add trigger' }));
    expect(mutationsOf(client)).toEqual([['AddTrigger', { input: { workflowId: 'w1', kind: 'WEBHOOK' } }]]);
    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent('it will not be shown again');
    expect(within(notice).getByRole('textbox', { name: 'Signing secret' })).toHaveValue('whsec_abc');
    expect(within(notice).getByRole('textbox', { name: 'Webhook URL' })).toHaveValue('http://localhost/webhooks/t1');
    await userEvent.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('wants a tool or an event type for an event trigger', async () => {
    const client = mockClient({
      AddTrigger: () => ({
        addTrigger: { trigger: trigger({ kind: 'EVENT', event: { tool: 'github', eventType: 'pr.opened' } }), webhookSecret: null },
      }),
    });
    const onClose = vi.fn();
    render(renderTree(client, <AddTriggerForm workflowId="w1" onClose={onClose} />));
    await userEvent.click(screen.getByRole('radio', { name: 'Event' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add trigger' }));
    expect(screen.getByText('Give a tool, an event type or both')).toBeInTheDocument();
    expect(mutationsOf(client)).toEqual([]);
    await fill('Tool', 'GitHub');
    await fill('Event type', 'pr.opened');
    await userEvent.click(screen.getByRole('button', { name: 'Add trigger' }));
    expect(mutationsOf(client)).toEqual([
      ['AddTrigger', { input: { workflowId: 'w1', kind: 'EVENT', event: { tool: 'github', eventType: 'pr.opened' } } }],
    ]);
    expect(onClose).toHaveBeenCalled();
  });
});
