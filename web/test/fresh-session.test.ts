import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refreshOverHttp } from '../src/session/fresh-session';
import { SessionStore } from '../src/session/session-store';

const stale = {
  accessToken: 'access-r1',
  accessTokenExpiresAt: new Date(Date.now() - 1000).toISOString(),
  refreshToken: 'r1',
  refreshTokenExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  role: 'OWNER' as const,
  user: { id: 'u1', name: 'Ada', email: 'ada@example.com' },
  organization: { id: 'o1', name: 'Engines' },
};
const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let network: ReturnType<typeof vi.fn>;
beforeEach(() => {
  window.localStorage.clear();
  network = vi.fn();
  vi.stubGlobal('fetch', network);
});
afterEach(() => vi.unstubAllGlobals());

// The app's urql client and the explorer both refresh through refreshOverHttp (session/client.ts).
describe('refreshing the session', () => {
  it.each([
    [503, { errors: [{ message: 'unavailable' }] }],
    [429, { errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED' } }] }],
  ])('keeps the session when the server answers %i: an outage or a limit is not a refused token', async (status, body) => {
    const store = new SessionStore(window.localStorage);
    store.set(stale);
    network.mockResolvedValueOnce(answer(status, body));
    await expect(store.refresh(refreshOverHttp)).rejects.toThrow(`HTTP ${status}`);
    expect(store.current?.refreshToken).toBe('r1');
  });

  it('keeps the session when the network is down', async () => {
    const store = new SessionStore(window.localStorage);
    store.set(stale);
    network.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(store.refresh(refreshOverHttp)).rejects.toThrow('Failed to fetch');
    expect(store.current?.refreshToken).toBe('r1');
  });

  it('signs out when the server refuses the refresh token', async () => {
    const store = new SessionStore(window.localStorage);
    store.set(stale);
    network.mockResolvedValueOnce(answer(200, { data: null, errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }] }));
    expect(await store.refresh(refreshOverHttp)).toBeNull();
    expect(store.current).toBeNull();
  });
});
