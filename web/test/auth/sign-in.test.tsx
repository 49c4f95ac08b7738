import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import SignIn from '../../src/pages/auth/SignIn';
import { answer } from '../support/graph';
import { renderAt, sessionAs, storeSession } from '../support/session';

vi.mock('../../src/session/client', async () => (await import('../support/graph')).graphClientModule);

afterEach(() => {
  cleanup();
  storeSession(null);
});

async function signInAt(url: string) {
  answer({ LogIn: () => ({ data: { logIn: sessionAs('OWNER') } }) });
  renderAt(url, '/login', <SignIn />);
  await userEvent.type(screen.getByLabelText('Email'), 'ada@example.com');
  await userEvent.type(screen.getByLabelText('Password'), 'correct horse battery');
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignIn', () => {
  it('returns to the page named by ?from= (the API explorer links here that way)', async () => {
    await signInAt('/login?from=%2Fexplorer');
    expect(await screen.findByTestId('landed')).toHaveTextContent('/explorer');
  });

  it('ignores a ?from= that leaves the site, and goes to the dashboard', async () => {
    await signInAt('/login?from=%2F%2Fevil.example%2Fphish');
    expect(await screen.findByTestId('landed')).toHaveTextContent(/^\/ /);
  });
});
