import { describe, expect, it, vi } from 'vitest';
import { SessionStore, type Session } from '../src/session/session-store';

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

describe('SessionStore', () => {
  it('treats an access token within 30 s of expiry as stale', () => {
    const store = new SessionStore(window.localStorage);
    store.set(session('r1', 0.25));
    expect(store.accessTokenFresh()).toBe(false);
    store.set(session('r2'));
    expect(store.accessTokenFresh()).toBe(true);
  });

  it('takes the tokens another tab stored while this one waited, instead of presenting a used refresh token', async () => {
    const store = new SessionStore(window.localStorage);
    store.set(session('r1', 0));
    // Another tab refreshed first: its rotated tokens are in storage.
    window.localStorage.setItem('flowgraph.session', JSON.stringify(session('r2')));
    const refresh = vi.fn();
    const result = await store.refresh(refresh);
    expect(refresh).not.toHaveBeenCalled();
    expect(result?.refreshToken).toBe('r2');
  });

  it('presents the stored refresh token once, keeps what it returns, and signs out when it is refused', async () => {
    const store = new SessionStore(window.localStorage);
    store.set(session('r1', 0));
    const rotated = vi.fn(async (token: string) => (token === 'r1' ? session('r2') : null));
    expect((await store.refresh(rotated))?.refreshToken).toBe('r2');
    expect(rotated).toHaveBeenCalledWith('r1');
    store.set(session('r2', 0));
    const refused = vi.fn(async () => null);
    expect(await store.refresh(refused)).toBeNull();
    expect(store.current).toBeNull();
    expect(window.localStorage.getItem('flowgraph.session')).toBeNull();
  });

  it('hears a sign-out in another tab', () => {
    const store = new SessionStore(window.localStorage);
    store.set(session('r1'));
    const heard = vi.fn();
    store.subscribe(heard);
    window.localStorage.removeItem('flowgraph.session');
    window.dispatchEvent(new StorageEvent('storage', { key: 'flowgraph.session' }));
    expect(heard).toHaveBeenCalledWith(null);
    expect(store.current).toBeNull();
  });
});
