import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { CombinedError, Provider, type Client } from 'urql';
import { fromValue, makeSubject, never } from 'wonka';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Suggestions from '../../src/pages/suggestions/Suggestions';
import type { SuggestionOfferFragment } from '../../src/generated/graphql';
import { suggestion } from './fixtures';

const session = { role: 'OWNER', user: { id: 'u1', name: 'Ada' }, organization: { id: 'o1', name: 'Acme' } };
vi.mock('../../src/session/SessionProvider', () => ({ useSession: () => ({ session }) }));

const listed = [suggestion('s2', '2026-01-02T00:00:00Z'), suggestion('s1', '2026-01-01T00:00:00Z')];
const openSuggestions = {
  me: { id: 'u1', suggestions: { edges: listed.map((node) => ({ node })), pageInfo: { hasNextPage: false, endCursor: null } } },
};

function renderPage(executeMutation: ReturnType<typeof vi.fn>) {
  const live = makeSubject<{ data: { suggestionAdded: SuggestionOfferFragment } }>();
  const client = {
    executeQuery: () => fromValue({ data: openSuggestions }),
    executeMutation,
    executeSubscription: () => live.source,
  } as unknown as Client;
  render(
    <Provider value={client}>
      <MemoryRouter initialEntries={['/suggestions']}>
        <Routes>
          <Route path="/suggestions" element={<Suggestions />} />
          <Route path="/workflows/:id" element={<h1>Workflow page</h1>} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
  return live;
}

const acceptedPayload = (webhookSecret: string | null) => ({
  data: {
    acceptSuggestion: {
      webhookSecret,
      suggestion: { id: 's1', status: 'ACCEPTED', acceptedAt: '2026-01-03T00:00:00Z' },
      workflow: { id: 'wf-9', name: 'x', isActive: true, tags: [], updatedAt: '2026-01-03T00:00:00Z', latestExecution: null },
    },
  },
});

describe('the suggestions page', () => {
  beforeEach(() => {
    session.role = 'OWNER';
  });

  it('shows a suggestion arriving live at the top of the list and announces it', async () => {
    const live = renderPage(vi.fn(() => never));
    const list = await screen.findByRole('list', { name: 'Open suggestions' });
    expect(
      within(list)
        .getAllByRole('heading')
        .map((h) => h.textContent),
    ).toEqual(['Suggestion s2 ', 'Suggestion s1 ']);

    act(() => live.next({ data: { suggestionAdded: suggestion('s3', '2026-01-03T00:00:00Z', { title: 'Copy uploads to S3' }) } }));
    expect(
      within(list)
        .getAllByRole('heading')
        .map((h) => h.textContent?.trim()),
    ).toEqual(['Copy uploads to S3 New', 'Suggestion s2', 'Suggestion s1']);
    expect(screen.getByText('New suggestion: Copy uploads to S3')).toHaveAttribute('aria-live', 'polite');

    // The same suggestion arriving again (reopened) is not shown twice.
    act(() => live.next({ data: { suggestionAdded: suggestion('s3', '2026-01-04T00:00:00Z', { title: 'Copy uploads to S3' }) } }));
    expect(
      within(list)
        .getAllByRole('listitem')
        .filter((li) => li.classList.contains('suggestion-card')),
    ).toHaveLength(3);
  });

  it('accepts with the parameters and the activate flag, then opens the workflow', async () => {
    const executeMutation = vi.fn(() => fromValue(acceptedPayload(null)));
    renderPage(executeMutation);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Accept “Suggestion s1”' }));
    const dialog = screen.getByRole('dialog', { name: 'Accept “Suggestion s1”' });
    const channel = within(dialog).getByLabelText('channel');
    await user.clear(channel);
    await user.type(channel, '#deploys');
    await user.click(within(dialog).getByLabelText('Activate now'));
    await user.click(within(dialog).getByRole('button', { name: 'Create workflow' }));

    expect(executeMutation).toHaveBeenCalledTimes(1);
    const [operation] = executeMutation.mock.calls[0] as unknown as [{ variables: unknown }];
    expect(operation.variables).toEqual({
      id: 's1',
      input: { name: 'Suggestion s1', activate: true, parameters: { channel: '#deploys' } },
    });
    expect(await screen.findByRole('heading', { name: 'Workflow page' })).toBeInTheDocument();
  });

  it('checks the form before sending: a required parameter left empty is not sent', async () => {
    const executeMutation = vi.fn(() => fromValue(acceptedPayload(null)));
    renderPage(executeMutation);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Accept “Suggestion s1”' }));
    await user.clear(screen.getByLabelText('channel'));
    await user.click(screen.getByRole('button', { name: 'Create workflow' }));
    expect(screen.getByText('Required: Slack channel, e.g. #reviews')).toBeInTheDocument();
    expect(screen.getByLabelText('channel')).toHaveAttribute('aria-invalid', 'true');
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it('gives focus back to the Accept button when the dialog is cancelled', async () => {
    const executeMutation = vi.fn(() => fromValue(acceptedPayload(null)));
    renderPage(executeMutation);
    const user = userEvent.setup();
    const accept = await screen.findByRole('button', { name: 'Accept “Suggestion s1”' });
    await user.click(accept);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('button', { name: 'Create workflow' })).not.toBeInTheDocument();
    await waitFor(() => expect(accept).toHaveFocus());
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it("shows the server's field error beside its parameter", async () => {
    const error = new CombinedError({
      graphQLErrors: [
        {
          message: 'Invalid parameters',
          extensions: { code: 'VALIDATION_ERROR', details: [{ field: 'parameters.channel', message: 'No such Slack channel' }] },
        },
      ],
    });
    renderPage(vi.fn(() => fromValue({ error })));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Accept “Suggestion s1”' }));
    await user.click(screen.getByRole('button', { name: 'Create workflow' }));
    expect(await screen.findByText('No such Slack channel')).toBeInTheDocument();
    expect(screen.getByLabelText('channel')).toHaveAccessibleDescription('No such Slack channel');
    expect(screen.getByRole('alert')).toHaveTextContent('Invalid parameters');
    expect(screen.queryByRole('heading', { name: 'Workflow page' })).not.toBeInTheDocument();
  });

  it('shows a webhook secret once before going to the workflow', async () => {
    renderPage(vi.fn(() => fromValue(acceptedPayload('whsec_123'))));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Accept “Suggestion s1”' }));
    await user.click(screen.getByRole('button', { name: 'Create workflow' }));
    expect(await screen.findByRole('textbox', { name: 'Webhook secret' })).toHaveValue('whsec_123');
    expect(screen.queryByRole('heading', { name: 'Workflow page' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByRole('heading', { name: 'Workflow page' })).toBeInTheDocument();
  });

  it('removes a dismissed suggestion from the list', async () => {
    const executeMutation = vi.fn(() =>
      fromValue({ data: { dismissSuggestion: { suggestion: { id: 's2', status: 'DISMISSED', dismissedAt: '2026-01-03T00:00:00Z' } } } }),
    );
    renderPage(executeMutation);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Dismiss “Suggestion s2”' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Dismiss “Suggestion s2”' })).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Dismiss “Suggestion s1”' })).toBeInTheDocument();
    expect(screen.getByText('Dismissed “Suggestion s2”')).toBeInTheDocument();
  });

  it('does not let a member accept (creating a workflow needs an admin)', async () => {
    session.role = 'MEMBER';
    renderPage(vi.fn(() => never));
    expect(await screen.findByRole('button', { name: 'Accept “Suggestion s1”' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Dismiss “Suggestion s1”' })).toBeEnabled();
  });
});
