import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { Provider, type Client } from 'urql';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fromValue } from 'wonka';
import type { IntegrationDetailFragment } from '../../src/generated/graphql';
import Integrations from '../../src/pages/integrations/Integrations';

const session = vi.hoisted(() => ({ role: 'ADMIN' }));
vi.mock('../../src/session/SessionProvider', () => ({ useSession: () => ({ session }) }));

function integration(overrides: Partial<IntegrationDetailFragment> = {}): IntegrationDetailFragment {
  return {
    id: 'i1',
    provider: 'GITHUB',
    displayName: 'acme on GitHub',
    status: 'CONNECTED',
    health: 'DEGRADED',
    healthError: 'GitHub answered slowly',
    healthCheckedAt: '2026-01-01T10:00:00.000Z',
    isActive: true,
    createdAt: '2026-01-01T09:00:00.000Z',
    updatedAt: '2026-01-01T09:00:00.000Z',
    disconnectedAt: null,
    owner: { id: 'u1', name: 'Ada' },
    connector: { id: 'GITHUB', displayName: 'GitHub', authKind: 'OAUTH2', credentialFields: [], webhookEventTypes: ['pull_request'] },
    healthHistory: [
      { status: 'DEGRADED', error: 'GitHub answered slowly', durationMs: 6200, checkedAt: '2026-01-01T10:00:00.000Z' },
      { status: 'HEALTHY', error: null, durationMs: 120, checkedAt: '2026-01-01T09:55:00.000Z' },
    ],
    ...overrides,
  };
}

function fakeGraph(stored: IntegrationDetailFragment) {
  const mutations: string[] = [];
  const client = {
    executeQuery: vi.fn((operation: unknown) => fromValue({ operation, data: { integration: stored }, stale: false, hasNext: false })),
    executeMutation: vi.fn((operation: { query: { definitions: { name: { value: string } }[] } }) => {
      const name = operation.query.definitions[0]!.name.value;
      mutations.push(name);
      const data =
        name === 'TestIntegration'
          ? {
              testIntegration: {
                integration: stored,
                check: { status: 'HEALTHY', error: null, durationMs: 80, checkedAt: '2026-01-01T10:05:00.000Z' },
              },
            }
          : name === 'RevealIntegrationWebhook'
            ? { revealIntegrationWebhook: { url: 'http://localhost:4000/webhooks/github/i1', secret: 'abc123' } }
            : { disconnectIntegration: { integration: { ...stored, status: 'DISCONNECTED' } } };
      return fromValue({ operation, data, stale: false, hasNext: false });
    }),
    executeSubscription: vi.fn(),
  } as unknown as Client;
  return { client, mutations };
}

function renderAt(graph: ReturnType<typeof fakeGraph>, path = '/integrations/i1') {
  return render(
    <Provider value={graph.client}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/integrations/*" element={<Integrations />} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
}

beforeEach(() => {
  session.role = 'ADMIN';
});

describe("an integration's page", () => {
  it('shows its status, health and the history of checks, and announces a check run now', async () => {
    const graph = fakeGraph(integration());
    renderAt(graph);
    expect(await screen.findByTestId('integration-status')).toHaveTextContent('Connected');
    expect(screen.getAllByRole('row')).toHaveLength(3);
    await userEvent.click(screen.getByRole('button', { name: 'Test now' }));
    await waitFor(() => expect(screen.getByText(/^Check: HEALTHY in 80 ms$/)).toHaveAttribute('aria-live', 'polite'));
    expect(graph.mutations).toEqual(['TestIntegration']);
  });

  it('reveals the webhook URL and secret on request', async () => {
    const graph = fakeGraph(integration());
    renderAt(graph);
    await userEvent.click(await screen.findByRole('button', { name: 'Reveal webhook URL and secret' }));
    expect(await screen.findByText('http://localhost:4000/webhooks/github/i1')).toBeInTheDocument();
    expect(screen.getByText('abc123')).toBeInTheDocument();
  });

  it('offers no webhook for a connector that sends none', async () => {
    const connector = {
      id: 'S3' as const,
      displayName: 'Amazon S3',
      authKind: 'API_KEY' as const,
      credentialFields: ['region'],
      webhookEventTypes: [],
    };
    renderAt(fakeGraph(integration({ provider: 'S3', connector })));
    await screen.findByTestId('integration-status');
    expect(screen.queryByRole('button', { name: /webhook/ })).not.toBeInTheDocument();
  });

  it('disconnects only once confirmed', async () => {
    const graph = fakeGraph(integration());
    renderAt(graph);
    await userEvent.click(await screen.findByRole('button', { name: 'Disconnect acme on GitHub' }));
    expect(screen.getByRole('group', { name: 'Disconnect acme on GitHub' })).toHaveTextContent(
      /Disconnect acme on GitHub\? Its access is revoked/,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(graph.mutations).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Disconnect acme on GitHub' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, disconnect' }));
    expect(graph.mutations).toEqual(['DisconnectIntegration']);
  });

  it('says why an OAuth connection failed where the callback landed', async () => {
    renderAt(fakeGraph(integration({ status: 'PENDING', health: null })), '/integrations/i1?status=failed&reason=expired');
    expect(await screen.findByRole('alert')).toHaveTextContent('The connection was not completed within 10 minutes.');
  });

  it('shows members no admin actions', async () => {
    session.role = 'MEMBER';
    renderAt(fakeGraph(integration()));
    await screen.findByTestId('integration-status');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
