import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import AcceptInvitation from '../../src/pages/auth/AcceptInvitation';
import { answer, callsOf, graphError } from '../support/graph';
import { renderAt, sessionAs, storeSession, storedSession } from '../support/session';

vi.mock('../../src/session/client', async () => (await import('../support/graph')).graphClientModule);

const PATH = '/invitations/accept';
const joined = { ...sessionAs('MEMBER', { id: 'org-2', name: 'Analytical Society' }), accessToken: 'access-joined' };

// Vitest runs without globals, so Testing Library does not unmount by itself.
afterEach(() => {
  cleanup();
  storeSession(null);
});

describe('AcceptInvitation signed out', () => {
  it('offers signing in, coming back to this link, and creating the account with the token', async () => {
    answer({});
    renderAt(`${PATH}?token=tok%2F1`, PATH, <AcceptInvitation />);
    expect(screen.queryByRole('button', { name: 'Accept invitation' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/signup?invitation=tok%2F1');

    await userEvent.click(screen.getByRole('link', { name: 'Sign in to accept' }));
    expect(screen.getByTestId('landed')).toHaveTextContent('/login {"from":"/invitations/accept?token=tok%2F1"}');
  });

  it('says so when the link has no token', () => {
    renderAt(PATH, PATH, <AcceptInvitation />);
    expect(screen.getByRole('alert')).toHaveTextContent('This link has no invitation in it');
  });
});

describe('AcceptInvitation signed in', () => {
  it('accepts with the token, keeps the tokens acting in the new organization and goes to the dashboard', async () => {
    storeSession(sessionAs('OWNER'));
    answer({ AcceptInvitation: () => ({ data: { acceptInvitation: joined } }) });
    renderAt(`${PATH}?token=tok-1`, PATH, <AcceptInvitation />);
    expect(screen.getByText(/signed in as/)).toHaveTextContent('Ada Lovelace (ada@example.com)');
    expect(screen.queryByRole('link', { name: 'Sign in to accept' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByTestId('landed')).toHaveTextContent(/^\/ /);
    expect(callsOf('AcceptInvitation')).toEqual([{ operationName: 'AcceptInvitation', variables: { token: 'tok-1' } }]);
    expect(storedSession()?.organization.name).toBe('Analytical Society');
    expect(storedSession()?.accessToken).toBe('access-joined');
  });

  it('explains a NOT_FOUND answer and stays signed in where it was', async () => {
    storeSession(sessionAs('OWNER'));
    answer({ AcceptInvitation: () => graphError('Not found', 'NOT_FOUND') });
    renderAt(`${PATH}?token=used`, PATH, <AcceptInvitation />);
    await userEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This invitation is not valid: it may have expired, been used or been meant for another email',
    );
    expect(storedSession()?.organization.id).toBe('org-1');
    expect(screen.queryByTestId('landed')).not.toBeInTheDocument();
  });
});
