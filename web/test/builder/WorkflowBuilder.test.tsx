import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError, Provider, type Client } from 'urql';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fromValue } from 'wonka';
import WorkflowBuilder from '../../src/pages/workflows/builder';
import { branching, connectors } from './fixtures';
import { stubReactFlowDom } from './react-flow-mocks';

beforeAll(stubReactFlowDom);

type Answer = { data?: unknown; error?: CombinedError };

/** A client answering the connector catalog, and each save with the given answer. */
function clientAnswering(save: Answer) {
  const executeMutation = vi.fn((operation: unknown) => fromValue({ operation, stale: false, hasNext: false, ...save }));
  const client = {
    executeQuery: (operation: unknown) => fromValue({ operation, data: { connectors }, stale: false, hasNext: false }),
    executeMutation,
  } as unknown as Client;
  return { client, executeMutation };
}

function renderBuilder(save: Answer, onSaved = vi.fn()) {
  const { client, executeMutation } = clientAnswering(save);
  render(
    <Provider value={client}>
      <WorkflowBuilder workflowId="wf-1" definition={branching as unknown as Record<string, unknown>} version={4} onSaved={onSaved} />
    </Provider>,
  );
  return { executeMutation, onSaved };
}

const savedVersion = (version: number) => ({
  data: {
    updateWorkflow: { workflow: { id: 'wf-1', latestVersion: { id: 'v', version, definition: {}, createdAt: '2025-01-01T00:00:00Z' } } },
  },
});

describe('the workflow builder', () => {
  it('shows each step as a node named by its id and type, and a palette entry per step type and connector action', () => {
    renderBuilder(savedVersion(5));
    expect(screen.getByRole('group', { name: 'Step big (Condition)' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Step fetch (HTTP request)' })).toBeInTheDocument();
    for (const label of ['HTTP request', 'Transform', 'Condition', 'Delay', 'Notify', 'Slack: post_message'])
      expect(screen.getByRole('button', { name: `Add ${label}` })).toBeInTheDocument();
  });

  it('adds a step from the palette with the keyboard, refuses to save it unfilled, and saves once filled', async () => {
    const user = userEvent.setup();
    const { executeMutation, onSaved } = renderBuilder(savedVersion(5));
    await user.click(screen.getByRole('button', { name: 'Add Slack: post_message' }));
    expect(screen.getByRole('heading', { name: 'Step post_message' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save version' }));
    expect(executeMutation).not.toHaveBeenCalled();
    const problems = screen.getByRole('region', { name: /problems to fix/ });
    expect(
      within(problems)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Step post_message · channel: Required', 'Step post_message · text: Required']);
    expect(screen.getByRole('group', { name: /Step post_message/ })).toHaveClass('has-problem');

    await user.type(screen.getByRole('textbox', { name: /channel/ }), '#reviews');
    await user.type(screen.getByRole('textbox', { name: /text/ }), 'Many items');
    expect(screen.queryByRole('region', { name: /problems to fix/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save version' }));

    expect(executeMutation).toHaveBeenCalledTimes(1);
    const variables = (executeMutation.mock.calls[0]![0] as { variables: { id: string; definition: typeof branching } }).variables;
    expect(variables.id).toBe('wf-1');
    expect(variables.definition.steps.at(-1)).toEqual({
      id: 'post_message',
      type: 'connector_action',
      config: { connector: 'slack', action: 'post_message', input: { channel: '#reviews', text: 'Many items' } },
    });
    expect(variables.definition.edges).toEqual(branching.edges);
    expect(onSaved).toHaveBeenCalledWith(5);
    expect(screen.getByRole('status')).toHaveTextContent('Saved as version 5');
  });

  it("places the server's validation errors on the step and the edge they name", async () => {
    const user = userEvent.setup();
    const error = new CombinedError({
      graphQLErrors: [
        {
          message: 'Invalid input',
          extensions: {
            code: 'VALIDATION_ERROR',
            details: [
              { field: 'definition.steps[2].config.message', message: 'Too long for Core' },
              { field: 'definition.edges[1].when', message: 'Branch refused' },
              { field: 'definition.steps[1]', message: 'First problem of big' },
              { field: 'definition.steps[1]', message: 'Second problem of big' },
            ],
          },
        },
      ],
    });
    renderBuilder({ error });
    // Any change makes the canvas saveable; connect fetch → tell.
    await user.click(screen.getByRole('button', { name: 'Add Delay' }));
    await user.type(screen.getByRole('textbox', { name: /ms/ }), '10');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Then run' }), screen.getByRole('option', { name: 'fetch' }));
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    await user.click(screen.getByRole('button', { name: 'Save version' }));

    const problems = await screen.findByRole('region', { name: '4 problems to fix before saving' });
    expect(screen.getByRole('group', { name: 'Step tell (Notify)' })).toHaveClass('has-problem');
    expect(screen.getByRole('group', { name: 'Step fetch (HTTP request)' })).not.toHaveClass('has-problem');
    expect(document.querySelector('[aria-label="Edge from big to tell when true"]')).toHaveClass('has-problem');

    await user.click(within(problems).getByRole('button', { name: 'Step tell' }));
    expect(screen.getByRole('heading', { name: 'Step tell' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /message/ })).toHaveAccessibleDescription('Too long for Core');
    expect(
      within(problems)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Step tell · message: Too long for Core',
      'Edge big → tell (true): Branch refused',
      'Step big: First problem of big',
      'Step big: Second problem of big',
    ]);
  });
});
