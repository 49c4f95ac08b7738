import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Settings from '../../src/pages/settings/Settings';
import { answer, callsOf, graphError } from '../support/graph';
import { renderAt, sessionAs, storeSession } from '../support/session';
import { invitation, invitationsAnswer, member, membersAnswer } from './fixtures';

vi.mock('../../src/session/client', async () => (await import('../support/graph')).graphClientModule);

afterEach(() => {
  cleanup();
  storeSession(null);
});

function openMembers(role: 'OWNER' | 'ADMIN') {
  storeSession(sessionAs(role));
  renderAt('/settings/members', '/settings/*', <Settings />);
}

const inviteForm = () => screen.getByRole('button', { name: 'Invite member' }).closest('form') as HTMLFormElement;

describe('Inviting a member', () => {
  it('checks the email before sending and sends nothing while it is wrong', async () => {
    answer({
      SettingsMembers: membersAnswer(member('m1', 'OWNER', 'Ada Lovelace', 'ada@example.com')),
      PendingInvitations: invitationsAnswer,
    });
    openMembers('OWNER');
    const form = inviteForm();

    await userEvent.click(within(form).getByRole('button', { name: 'Invite member' }));
    expect(within(form).getByLabelText('Email')).toHaveAccessibleDescription('Enter your email address');
    await userEvent.type(within(form).getByLabelText('Email'), 'charles@');
    await userEvent.click(within(form).getByRole('button', { name: 'Invite member' }));
    expect(within(form).getByLabelText('Email')).toHaveAccessibleDescription('Enter a valid email address');
    expect(callsOf('InviteMember')).toHaveLength(0);
  });

  it('sends the email and role, then shows the invitation link once, with a warning', async () => {
    answer({
      SettingsMembers: membersAnswer(member('m1', 'OWNER', 'Ada Lovelace', 'ada@example.com')),
      PendingInvitations: invitationsAnswer,
      InviteMember: () => ({ data: { inviteMember: { token: 'secret token/1', invitation: invitation('charles@example.com', 'ADMIN') } } }),
    });
    openMembers('OWNER');
    const form = inviteForm();
    await userEvent.type(within(form).getByLabelText('Email'), ' charles@example.com ');
    await userEvent.selectOptions(within(form).getByLabelText('Role'), 'ADMIN');
    await userEvent.click(within(form).getByRole('button', { name: 'Invite member' }));

    const shown = await screen.findByRole('region', { name: 'Invitation link for charles@example.com' });
    expect(callsOf('InviteMember')[0].variables).toEqual({ input: { email: 'charles@example.com', role: 'ADMIN' } });
    expect(within(shown).getByRole('textbox')).toHaveValue(`${window.location.origin}/invitations/accept?token=secret%20token%2F1`);
    expect(shown).toHaveTextContent('This link is shown only once');
    expect(within(form).getByLabelText('Email')).toHaveValue('');

    await userEvent.click(within(shown).getByRole('button', { name: 'I have saved it' }));
    expect(screen.queryByRole('region', { name: /Invitation link/ })).not.toBeInTheDocument();
    expect(screen.queryByDisplayValue(/secret%20token/)).not.toBeInTheDocument();
  });

  it("shows the server's field error and no link", async () => {
    answer({
      SettingsMembers: membersAnswer(),
      PendingInvitations: invitationsAnswer,
      InviteMember: () => graphError('Invalid input', 'VALIDATION_ERROR', [{ field: 'input.email', message: 'Already a member' }]),
    });
    openMembers('OWNER');
    await userEvent.type(within(inviteForm()).getByLabelText('Email'), 'ada@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Invite member' }));
    expect(await within(inviteForm()).findByText('Already a member')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /Invitation link/ })).not.toBeInTheDocument();
  });

  it('lets an admin invite up to admin, and manage members but not owners', async () => {
    answer({
      SettingsMembers: membersAnswer(
        member('m0', 'OWNER', 'Olga Owner', 'olga@example.com'),
        member('m2', 'MEMBER', 'Charles Babbage', 'charles@example.com'),
      ),
      PendingInvitations: invitationsAnswer,
    });
    openMembers('ADMIN');
    expect(await screen.findByText('Charles Babbage')).toBeInTheDocument();
    const roles = within(within(inviteForm()).getByLabelText('Role')).getAllByRole('option');
    expect(roles.map((option) => option.getAttribute('value'))).toEqual(['VIEWER', 'MEMBER', 'ADMIN']);
    expect(screen.getByRole('button', { name: 'Remove Charles Babbage' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove Olga Owner' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Role of Olga Owner')).not.toBeInTheDocument();
    // Section links are absolute: a relative one in the `settings/*` splat would resolve below the current section.
    expect(screen.getByRole('link', { name: 'API keys' })).toHaveAttribute('href', '/settings/api-keys');
  });

  it('removes a member only once confirmed', async () => {
    answer({
      SettingsMembers: membersAnswer(member('m2', 'MEMBER', 'Charles Babbage', 'charles@example.com')),
      PendingInvitations: invitationsAnswer,
      RemoveMember: () => ({ data: { removeMember: { removedMembershipId: 'm2' } } }),
    });
    openMembers('ADMIN');
    await userEvent.click(await screen.findByRole('button', { name: 'Remove Charles Babbage' }));
    expect(screen.getByRole('group', { name: 'Remove Charles Babbage' })).toHaveTextContent(
      'Remove Charles Babbage (charles@example.com) from the organization? Their access ends at once.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(callsOf('RemoveMember')).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Remove Charles Babbage' }));
    await userEvent.click(screen.getByRole('button', { name: 'Remove member' }));
    expect(callsOf('RemoveMember')[0].variables).toEqual({ membershipId: 'm2' });
  });
});
