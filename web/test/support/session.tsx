/**
 * Signing in and out for tests that render the real SessionProvider. Its SessionStore is made
 * once, when the module loads, and follows localStorage through the `storage` event (how other
 * tabs sign in and out), so a test stores a session there and announces it.
 */
import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import type { Role } from '../../src/generated/graphql';
import { SessionProvider } from '../../src/session/SessionProvider';
import type { Session } from '../../src/session/session-store';

const STORAGE_KEY = 'flowgraph.session';
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

export function sessionAs(role: Role, organization = { id: 'org-1', name: 'Engines' }): Session {
  return {
    accessToken: `access-${organization.id}`,
    accessTokenExpiresAt: inMinutes(15),
    refreshToken: `refresh-${organization.id}`,
    refreshTokenExpiresAt: inMinutes(60 * 24 * 30),
    role,
    user: { id: 'user-1', name: 'Ada Lovelace', email: 'ada@example.com' },
    organization,
  };
}

export function storeSession(session: Session | null): void {
  if (session) window.localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else window.localStorage.removeItem(STORAGE_KEY);
  window.dispatchEvent(new StorageEvent('storage', { key: STORAGE_KEY }));
}

export function storedSession(): Session | null {
  const raw = window.localStorage.getItem(STORAGE_KEY);
  return raw ? (JSON.parse(raw) as Session) : null;
}

/** Where the app went: the path, query and router state, for assertions. */
function Landed() {
  const location = useLocation();
  return (
    <p data-testid="landed">
      {location.pathname}
      {location.search} {JSON.stringify(location.state ?? null)}
    </p>
  );
}

/**
 * `element` at `path`, opened at `url`, inside the real SessionProvider. The router is outside the
 * provider (the app's is inside) so that the remount a sign-in causes keeps the location.
 */
export function renderAt(url: string, path: string, element: ReactNode) {
  return render(
    <MemoryRouter initialEntries={[url]}>
      <SessionProvider>
        <Routes>
          <Route path={path} element={element} />
          <Route path="*" element={<Landed />} />
        </Routes>
      </SessionProvider>
    </MemoryRouter>,
  );
}
