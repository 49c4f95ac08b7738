import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { MemoryRouter, Route, Routes } from 'react-router';
import { CombinedError, Provider, type Client } from 'urql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fromValue } from 'wonka';
import type { ConnectorCardFragment } from '../../src/generated/graphql';
import Integrations from '../../src/pages/integrations/Integrations';
import { browser } from '../../src/pages/integrations/ConnectIntegration';

const session = vi.hoisted(() => ({ role: 'ADMIN' }));
vi.mock('../../src/session/SessionProvider', () => ({ useSession: () => ({ session }) }));

const connector = (overrides: Partial<ConnectorCardFragment> & Pick<ConnectorCardFragment, 'id' | 'displayName'>) => ({
  authKind: 'OAUTH2' as const,
  scopes: [],
  credentialFields: [],
  webhookEventTypes: [],
  rateLimit: { requests: 50, perSeconds: 60 },
  actions: [{ name: 'post_message', description: 'Posts a message', idempotent: false }],
  ...overrides,
});
const CONNECTORS = [
  connector({ id: 'SLACK', displayName: 'Slack', scopes: ['chat:write'], webhookEventTypes: ['message'] }),
  connector({ id: 'S3', displayName: 'Amazon S3', authKind: 'API_KEY', credentialFields: ['accessKeyId', 'secretAccessKey', 'region'] }),
];

type Answer = { data?: unknown; error?: CombinedError };

/** A graph answering the catalog and an empty list, and `connect` for connectIntegration. */
function fakeGraph(connect: (input: Record<string, unknown>) => Answer) {
  const connects: Record<string, unknown>[] = [];
  const client = {
    executeQuery: vi.fn((operation: { query: { definitions: { name: { value: string } }[] } }) => {
      const name = operation.query.definitions[0]!.name.value;
      const data =
        name === 'Connectors'
          ? { connectors: CONNECTORS }
          : name === 'Integrations'
            ? { integrations: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } }
            : { integration: null };
      return fromValue({ operation, data, stale: false, hasNext: false });
    }),
    executeMutation: vi.fn((operation: { variables: { input: Record<string, unknown> } }) => {
      connects.push(operation.variables.input);
      return fromValue({ operation, stale: false, hasNext: false, ...connect(operation.variables.input) });
    }),
    executeSubscription: vi.fn(),
  } as unknown as Client;
  return { client, connects };
}

function renderIntegrations(graph: ReturnType<typeof fakeGraph>) {
  return render(
    <Provider value={graph.client}>
      <MemoryRouter initialEntries={['/integrations']}>
        <Routes>
          <Route path="/integrations/*" element={<Integrations />} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
}

const integration = {
  id: 'i9',
  provider: 'S3',
  displayName: 'Data lake',
  status: 'CONNECTED',
  health: null,
  healthCheckedAt: null,
  isActive: true,
  createdAt: '2026-01-01T00:00:00Z',
  connector: { id: 'S3', displayName: 'Amazon S3' },
};

beforeEach(() => {
  session.role = 'ADMIN';
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('connecting an integration', () => {
  it('sends the browser to the OAuth consent URL connectIntegration answers', async () => {
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => {});
    const graph = fakeGraph(() => ({
      data: {
        connectIntegration: {
          integration: { ...integration, provider: 'SLACK', status: 'PENDING' },
          authorizationUrl: 'http://localhost:4000/oauth/authorize/f1',
        },
      },
    }));
    renderIntegrations(graph);
    await userEvent.click(await screen.findByRole('button', { name: 'Connect Slack' }));
    expect(await screen.findByRole('heading', { name: 'Connect Slack' })).toHaveFocus();
    expect(screen.getByText('chat:write')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Continue to Slack' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('http://localhost:4000/oauth/authorize/f1'));
    expect(graph.connects).toEqual([{ provider: 'SLACK', displayName: 'Slack' }]);
  });

  it('checks the API-key form before sending, then sends the credentials and opens the new integration', async () => {
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => {});
    const graph = fakeGraph(() => ({ data: { connectIntegration: { integration, authorizationUrl: null } } }));
    renderIntegrations(graph);
    await userEvent.click(await screen.findByRole('button', { name: 'Connect Amazon S3' }));
    const name = await screen.findByLabelText('Connection name');
    await userEvent.clear(name);
    await userEvent.type(screen.getByLabelText('Access key id'), ' AKIA ');
    await userEvent.click(screen.getByRole('button', { name: 'Connect Amazon S3' }));
    expect(name).toHaveAccessibleDescription('Enter a name for this connection');
    expect(screen.getByLabelText('Access key id')).toHaveAccessibleDescription('Remove the spaces at the start or end');
    expect(graph.connects).toEqual([]);

    await userEvent.type(name, 'Data lake');
    await userEvent.clear(screen.getByLabelText('Access key id'));
    await userEvent.type(screen.getByLabelText('Access key id'), 'AKIAEXAMPLE12345678');
    await userEvent.type(screen.getByLabelText('Secret access key'), 'shh');
    await userEvent.type(screen.getByLabelText('Region'), 'eu-west-1');
    await userEvent.click(screen.getByRole('button', { name: 'Connect Amazon S3' }));
    await waitFor(() =>
      expect(graph.connects).toEqual([
        {
          provider: 'S3',
          displayName: 'Data lake',
          credentials: [
            { name: 'accessKeyId', value: 'AKIAEXAMPLE12345678' },
            { name: 'secretAccessKey', value: 'shh' },
            { name: 'region', value: 'eu-west-1' },
          ],
        },
      ]),
    );
    expect(await screen.findByRole('heading', { name: 'Integration not found' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('connected');
    expect(assign).not.toHaveBeenCalled();
  });

  it("shows the server's field errors next to their fields", async () => {
    const graph = fakeGraph(() => ({
      error: new CombinedError({
        graphQLErrors: [
          new GraphQLError('Invalid input', {
            extensions: {
              code: 'BAD_USER_INPUT',
              details: [
                { field: 'credentials.region', message: 'an AWS region such as eu-west-1' },
                { field: 'credentials.accessKeyId', message: 'Invalid input: expected string, received undefined' },
              ],
            },
          }),
        ],
      }),
    }));
    renderIntegrations(graph);
    await userEvent.click(await screen.findByRole('button', { name: 'Connect Amazon S3' }));
    await userEvent.type(await screen.findByLabelText('Region'), 'mars');
    await userEvent.click(screen.getByRole('button', { name: 'Connect Amazon S3' }));
    await waitFor(() => expect(screen.getByLabelText('Region')).toHaveAccessibleDescription('an AWS region such as eu-west-1'));
    expect(screen.getByLabelText('Access key id')).toHaveAccessibleDescription('Required');
    expect(screen.getByRole('alert')).toHaveTextContent('Invalid input');
  });

  it('hides connect buttons from members', async () => {
    session.role = 'MEMBER';
    renderIntegrations(fakeGraph(() => ({})));
    expect(await screen.findByRole('heading', { name: 'Amazon S3' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Connect/ })).not.toBeInTheDocument();
  });
});
