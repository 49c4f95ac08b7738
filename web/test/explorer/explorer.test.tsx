import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { SessionStore, type Session } from '../../src/session/session-store';
import { SignedOutError, authorizedFetch } from '../../src/explorer/fetcher';

// GraphiQL (Monaco) does not run in jsdom; the signed-out page and the token handling are what is ours.
vi.mock('graphiql', () => ({ GraphiQL: () => <p>GraphiQL</p> }));
const { Explorer } = await import('../../src/explorer/Explorer');

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
function session(refreshToken: string, accessMinutes = 15): Session {
  return {
    accessToken: `access-${refreshToken}`,
    accessTokenExpiresAt: inMinutes(accessMinutes),
    refreshToken,
    refreshTokenExpiresAt: inMinutes(60 * 24 * 30),
    role: 'OWNER',
    user: { id: 'u1', name: 'Ada', email: 'ada@example.com' },
    organization: { id: 'o1', name: 'Engines' },
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const sentHeaders = (call: unknown[]) => new Headers((call[1] as RequestInit | undefined)?.headers);

let network: ReturnType<typeof vi.fn>;
beforeEach(() => {
  window.localStorage.clear();
  network = vi.fn();
  vi.stubGlobal('fetch', network);
});
afterEach(() => vi.unstubAllGlobals());

describe('authorizedFetch', () => {
  it('sends the session’s access token with GraphiQL’s own headers', async () => {
    const store = new SessionStore(window.localStorage);
    store.set(session('r1'));
    network.mockResolvedValue(json({ data: {} }));
    await authorizedFetch(store)('/graphql', { method: 'POST', headers: { 'apollo-require-preflight': 'true' } });
    expect(network).toHaveBeenCalledTimes(1);
    const headers = sentHeaders(network.mock.calls[0]);
    expect(headers.get('authorization')).toBe('Bearer access-r1');
    expect(headers.get('apollo-require-preflight')).toBe('true');
  });

  it('refreshes a stale token through refreshSession first, keeps the new tokens and sends the new one', async () => {
    const store = new SessionStore(window.localStorage);
    store.set(session('r1', 0));
    network.mockResolvedValueOnce(json({ data: { refreshSession: session('r2') } })).mockResolvedValueOnce(json({ data: {} }));
    await authorizedFetch(store)('/graphql', { method: 'POST' });
    const [refreshUrl, refreshInit] = network.mock.calls[0] as [string, RequestInit];
    expect(refreshUrl).toBe('/graphql');
    const refreshBody = JSON.parse(String(refreshInit.body)) as { operationName: string; variables: unknown; query?: string };
    expect(refreshBody).toMatchObject({ operationName: 'RefreshSession', variables: { refreshToken: 'r1' } });
    expect(refreshBody.query).toMatch(/refreshSession\(refreshToken: \$refreshToken\)/);
    expect(new Headers(refreshInit.headers).get('authorization')).toBeNull();
    expect(sentHeaders(network.mock.calls[1]).get('authorization')).toBe('Bearer access-r2');
    expect(JSON.parse(window.localStorage.getItem('flowgraph.session')!).refreshToken).toBe('r2');
  });

  it('signs out when the refresh is refused, and sends nothing', async () => {
    const store = new SessionStore(window.localStorage);
    store.set(session('r1', 0));
    network.mockResolvedValueOnce(json({ data: null, errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }] }));
    await expect(authorizedFetch(store)('/graphql', { method: 'POST' })).rejects.toBeInstanceOf(SignedOutError);
    expect(network).toHaveBeenCalledTimes(1);
    expect(store.current).toBeNull();
  });

  it('keeps the session when the server is unavailable during a refresh', async () => {
    const store = new SessionStore(window.localStorage);
    store.set(session('r1', 0));
    network.mockResolvedValueOnce(json({ errors: [{ message: 'unavailable' }] }, 503));
    await expect(authorizedFetch(store)('/graphql', { method: 'POST' })).rejects.toThrow(/HTTP 503/);
    expect(store.current?.refreshToken).toBe('r1');
  });

  it('leaves an Authorization header typed into the editor as it is', async () => {
    const store = new SessionStore(window.localStorage);
    store.set(session('r1'));
    network.mockResolvedValue(json({ data: {} }));
    await authorizedFetch(store)('/graphql', { headers: { authorization: 'Bearer fg_live_key' } });
    expect(sentHeaders(network.mock.calls[0]).get('authorization')).toBe('Bearer fg_live_key');
  });
});

describe('Explorer', () => {
  it('asks a signed-out visitor to sign in, coming back to the explorer', async () => {
    render(<Explorer store={new SessionStore(window.localStorage)} />);
    expect(screen.getByRole('heading', { name: 'API explorer' })).toBeInTheDocument();
    // A plain link: the sign-in page returns to `from` (test/auth/sign-in.test.tsx).
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login?from=%2Fexplorer');
  });

  it('names who operations run as, and follows a sign-out in another tab', async () => {
    const store = new SessionStore(window.localStorage);
    store.set(session('r1'));
    render(<Explorer store={store} />);
    expect(await screen.findByText(/ada@example.com in Engines \(owner\)/)).toBeInTheDocument();
    expect(await screen.findByText('GraphiQL')).toBeInTheDocument();
    window.localStorage.removeItem('flowgraph.session');
    window.dispatchEvent(new StorageEvent('storage', { key: 'flowgraph.session' }));
    expect(await screen.findByRole('link', { name: 'Sign in' })).toBeInTheDocument();
  });
});
