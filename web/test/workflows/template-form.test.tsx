import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { TemplateForm } from '../../src/pages/workflows/TemplateForm';
import { mockClient, mutationsOf, renderTree } from './mock-client';

afterEach(cleanup);

const templates = {
  workflowTemplates: [
    {
      id: 'pr-to-slack',
      name: 'Pull requests to Slack',
      description: 'Posts each opened pull request.',
      connectors: ['github', 'slack'],
      triggerKind: 'EVENT',
      parameterSpecs: [
        { name: 'channel', type: 'STRING', required: true, default: null, description: 'Slack channel' },
        { name: 'prefix', type: 'STRING', required: false, default: 'PR:', description: 'Text before the title' },
      ],
    },
    {
      id: 'hook-to-http',
      name: 'Webhook to HTTP',
      description: 'Forwards each webhook call.',
      connectors: ['http'],
      triggerKind: 'WEBHOOK',
      parameterSpecs: [{ name: 'target', type: 'URL', required: true, default: null, description: 'Where to send it' }],
    },
  ],
};

const created = (id: string, webhookSecret: string | null) => ({
  createWorkflowFromTemplate: {
    workflow: { id, name: 'x', isActive: false, tags: [], updatedAt: '2026-12-01T00:00:00Z', latestExecution: null },
    webhookSecret,
  },
});

function openForm(answers: Parameters<typeof mockClient>[0]) {
  const client = mockClient({ WorkflowTemplates: () => templates, ...answers });
  render(renderTree(client, <TemplateForm onCancel={() => undefined} />, { path: '/workflows/new', route: '/workflows/new' }));
  return client;
}

describe('New workflow from a template', () => {
  it('checks the parameters as the server will, then creates with the filled-in ones only', async () => {
    const client = openForm({ CreateWorkflowFromTemplate: () => created('w-new', null) });
    expect(await screen.findByText(/Posts each opened pull request\. Uses github, slack; started by event\./)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Create from template' }));
    expect(screen.getByText('Enter channel')).toBeInTheDocument();
    expect(mutationsOf(client)).toEqual([]);

    await userEvent.type(screen.getByLabelText('channel'), '#ships');
    await userEvent.click(screen.getByLabelText('Publish version 1 and activate now'));
    await userEvent.click(screen.getByRole('button', { name: 'Create from template' }));
    expect(mutationsOf(client)).toEqual([
      [
        'CreateWorkflowFromTemplate',
        { input: { templateId: 'pr-to-slack', name: null, parameters: { channel: '#ships' }, activate: true } },
      ],
    ]);
  });

  it('refuses a URL parameter that is not http(s), and shows the webhook secret once after creating', async () => {
    openForm({ CreateWorkflowFromTemplate: () => created('w-hook', 'whsec_once') });
    await userEvent.selectOptions(await screen.findByLabelText('Template'), 'hook-to-http');
    await userEvent.type(screen.getByLabelText('target'), 'ftp://files.example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Create from template' }));
    expect(screen.getByText('An http:// or https:// URL')).toBeInTheDocument();

    await userEvent.clear(screen.getByLabelText('target'));
    await userEvent.type(screen.getByLabelText('target'), 'https://hooks.example.com/in');
    await userEvent.click(screen.getByRole('button', { name: 'Create from template' }));
    expect(await screen.findByLabelText('Signing secret')).toHaveValue('whsec_once');
    expect(screen.getByRole('link', { name: 'triggers' })).toHaveAttribute('href', '/workflows/w-hook/triggers');
  });

  it("puts the server's refusal of a parameter on its field", async () => {
    openForm({
      CreateWorkflowFromTemplate: () => ({
        error: {
          message: 'Invalid input',
          extensions: { code: 'VALIDATION_ERROR', details: [{ field: 'input.parameters.channel', message: 'No such channel' }] },
        },
      }),
    });
    await userEvent.type(await screen.findByLabelText('channel'), '#nowhere');
    await userEvent.click(screen.getByRole('button', { name: 'Create from template' }));
    expect(await screen.findByText('No such channel')).toBeInTheDocument();
    expect(screen.getByText('Could not create the workflow')).toBeInTheDocument();
  });
});
