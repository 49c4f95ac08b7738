import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Layout } from '../../src/app/Layout';
import SignUp from '../../src/pages/auth/SignUp';
import { answer, callsOf, graphError } from '../support/graph';
import { renderAt, sessionAs, storeSession, storedSession } from '../support/session';

vi.mock('../../src/session/client', async () => (await import('../support/graph')).graphClientModule);

afterEach(() => {
  cleanup();
  storeSession(null);
});

const inForce = { data: { policyConsent: { current: { privacyPolicy: '2026-01', termsOfService: '7' }, required: false } } };
const CHECKBOX = 'I accept the privacy policy (version 2026-01) and the terms of service (version 7)';

describe('SignUp', () => {
  it('asks for the policies in force and sends the versions accepted', async () => {
    answer({ PolicyConsent: () => inForce, SignUp: () => ({ data: { signUp: sessionAs('OWNER') } }) });
    renderAt('/signup', '/signup', <SignUp />);
    await userEvent.type(screen.getByLabelText('Your name'), 'Ada');
    await userEvent.type(screen.getByLabelText('Email'), 'a@b.io');
    await userEvent.type(screen.getByLabelText('Password'), 'horsebattery');
    await userEvent.type(screen.getByLabelText('Organization name'), 'E');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('Accept the privacy policy and terms of service to create an account')).toBeInTheDocument();
    expect(callsOf('SignUp')).toHaveLength(0);

    await userEvent.click(screen.getByLabelText(CHECKBOX));
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByTestId('landed')).toHaveTextContent(/^\/ /);
    expect(callsOf('SignUp')[0].variables.input).toMatchObject({
      email: 'a@b.io',
      acceptedPolicies: { privacyPolicyVersion: '2026-01', termsOfServiceVersion: '7' },
    });
  }, 15_000); // four fields typed key by key: slow on a busy machine

  it('asks nothing when no policy is published', async () => {
    answer({ PolicyConsent: () => ({ data: { policyConsent: { current: null, required: false } } }) });
    renderAt('/signup', '/signup', <SignUp />);
    expect(await screen.findByLabelText('Your name')).toBeInTheDocument();
    await vi.waitFor(() => expect(callsOf('PolicyConsent')).toHaveLength(1));
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
  });
});

describe('a signed-in person asked for consent', () => {
  it('sees the new versions, accepts them, keeps the new tokens and carries on', async () => {
    storeSession(sessionAs('MEMBER'));
    let accepted = false;
    const accepting = { ...sessionAs('MEMBER'), accessToken: 'access-after-consent' };
    // The header's organization switcher reads the graph: refused until the person accepts.
    const memberships = { data: { me: { id: 'user-1', memberships: [] } } };
    answer({
      MyOrganizations: () => (accepted ? memberships : graphError('Accept the current policies', 'CONSENT_REQUIRED')),
      PolicyConsent: () => ({ data: { policyConsent: { ...inForce.data.policyConsent, required: true } } }),
      AcceptPolicies: () => {
        accepted = true;
        return { data: { acceptPolicies: accepting } };
      },
    });
    renderAt('/workflows', '/workflows', <Layout />);
    expect(await screen.findByRole('heading', { name: 'Our policies have changed' })).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: 'Accept and continue' }));
    expect(await screen.findByText('Accept both to continue')).toBeInTheDocument();
    expect(callsOf('AcceptPolicies')).toHaveLength(0);

    await userEvent.click(screen.getByLabelText(CHECKBOX));
    await userEvent.click(screen.getByRole('button', { name: 'Accept and continue' }));
    await vi.waitFor(() => expect(storedSession()?.accessToken).toBe('access-after-consent'));
    expect(callsOf('AcceptPolicies')[0].variables).toEqual({ input: { privacyPolicyVersion: '2026-01', termsOfServiceVersion: '7' } });
    expect(screen.queryByRole('heading', { name: 'Our policies have changed' })).not.toBeInTheDocument();
    // The page tree is built afresh and asks again, now answered.
    await vi.waitFor(() => expect(callsOf('MyOrganizations').length).toBeGreaterThan(1));
  });
});
