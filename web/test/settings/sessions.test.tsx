import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Settings from '../../src/pages/settings/Settings';
import { answer, calls, callsOf, graphError } from '../support/graph';
import { renderAt, sessionAs, storeSession, storedSession } from '../support/session';
import { session } from './fixtures';

vi.mock('../../src/session/client', async () => (await import('../support/graph')).graphClientModule);

afterEach(() => {
  cleanup();
  storeSession(null);
});

function openSessions(revokeSession: (variables: Record<string, unknown>) => object) {
  answer({
    MySessions: () => ({ data: { sessions: [session('s-here', true), session('s-phone', false), session('s-laptop', false)] } }),
    RevokeSession: (variables) => revokeSession(variables),
    LogOut: () => ({ data: { logOut: { revoked: true } } }),
  });
  storeSession(sessionAs('MEMBER'));
  renderAt('/settings/sessions', '/settings/*', <Settings />);
}

async function signOutEverywhere() {
  await userEvent.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
  await userEvent.click(
    within(screen.getByRole('group', { name: 'Sign out everywhere' })).getByRole('button', { name: 'Sign out every device' }),
  );
}

describe('Sign out everywhere', () => {
  it('asks first, then revokes every other session, logs this one out and forgets it', async () => {
    openSessions(({ id }) => ({ data: { revokeSession: { session: session(String(id), false) } } }));
    expect(await screen.findByText('Browser s-phone')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Revoke the session of Browser s-here/ })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    expect(screen.getByRole('group', { name: 'Sign out everywhere' })).toHaveTextContent(
      'Sign out of Flowgraph on every device, this one included?',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(calls.filter((call) => call.operationName !== 'MySessions')).toEqual([]);
    expect(storedSession()).not.toBeNull();

    await signOutEverywhere();
    await vi.waitFor(() => expect(storedSession()).toBeNull());
    const sent = calls.filter((call) => call.operationName !== 'MySessions');
    expect(
      sent
        .slice(0, 2)
        .map((call) => call.variables.id)
        .sort(),
    ).toEqual(['s-laptop', 's-phone']);
    expect(sent.slice(0, 2).every((call) => call.operationName === 'RevokeSession')).toBe(true);
    expect(sent.slice(2).map((call) => call.operationName)).toEqual(['LogOut']);
  });

  it('stays signed in and says why when another session could not be revoked', async () => {
    openSessions(({ id }) =>
      id === 's-laptop'
        ? graphError('Service unavailable', 'INTERNAL')
        : { data: { revokeSession: { session: session(String(id), false) } } },
    );
    await screen.findByText('Browser s-phone');
    await signOutEverywhere();
    expect(await screen.findByText('Could not sign out everywhere')).toBeInTheDocument();
    expect(calls.some((call) => call.operationName === 'LogOut')).toBe(false);
    expect(storedSession()?.user.id).toBe('user-1');
  });

  it('revokes one other session on its own, once confirmed', async () => {
    openSessions(({ id }) => ({ data: { revokeSession: { session: session(String(id), false) } } }));
    await userEvent.click(await screen.findByRole('button', { name: /Revoke the session of Browser s-phone/ }));
    const question = screen.getByRole('group', { name: /Revoke the session of Browser s-phone/ });
    expect(question).toHaveTextContent(/Sign out Browser s-phone \(last used .+\)\? It must sign in again\./);
    expect(callsOf('RevokeSession')).toEqual([]);
    await userEvent.click(within(question).getByRole('button', { name: 'Revoke session' }));
    expect(callsOf('RevokeSession').map((call) => call.variables)).toEqual([{ id: 's-phone' }]);
    expect(storedSession()).not.toBeNull();
  });
});
