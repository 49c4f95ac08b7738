import { useId, useState, type FormEvent } from 'react';
import {
  PendingInvitationsDocument,
  useInviteMemberMutation,
  useRevokeInvitationMutation,
  type InvitationRowFragment,
  type PendingInvitationsQuery,
  type Role,
} from '../../generated/graphql';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { LoadMore } from '../../ui/LoadMore';
import { QueryState } from '../../ui/QueryState';
import { checkEmail, failedChecks } from '../../ui/checks';
import { problemOf } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { usePagedConnection } from '../../ui/usePagedConnection';
import { OnceShownSecret } from './OnceShownSecret';
import { ROLE_LABELS, rolesUpTo } from './roles';
import { TableScroll } from '../../ui/TableScroll';

const PAGE = { first: 50 };
const invitationsOf = (data: PendingInvitationsQuery) => data.invitations;

/** The link an invitee opens: AcceptInvitation, on this app's origin. */
export function invitationLink(token: string): string {
  return `${window.location.origin}/invitations/accept?token=${encodeURIComponent(token)}`;
}

/** Admins invite by email and role, see the link once, and revoke pending invitations. */
export function InvitationsSection({ callerRole }: { callerRole: Role }) {
  const invitations = usePagedConnection(PendingInvitationsDocument, PAGE, invitationsOf);
  const [revocation, revokeInvitation] = useRevokeInvitationMutation();
  const pending = invitations.nodes.filter((invitation) => !invitation.revokedAt);

  async function revoke(invitation: InvitationRowFragment) {
    const result = await revokeInvitation({ id: invitation.id });
    if (result.data) invitations.refetch();
  }

  return (
    <>
      <h2>Invite a member</h2>
      <InviteForm callerRole={callerRole} onInvited={invitations.refetch} />
      <h2>Pending invitations</h2>
      {revocation.error && <ErrorNotice error={revocation.error} title="Could not revoke the invitation" />}
      <QueryState
        fetching={invitations.fetching}
        error={invitations.error}
        data={invitations.data}
        isEmpty={() => pending.length === 0}
        empty="No pending invitations. Invite someone above: they get a link that works once, for 7 days."
        label="Loading invitations"
      >
        {() => (
          <TableScroll label={'Pending invitations'}>
            <table className="stacked-table">
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Invited by</th>
                  <th scope="col">Sent</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {pending.map((invitation) => (
                  <tr key={invitation.id}>
                    <td data-label="Email">{invitation.email}</td>
                    <td data-label="Role">{ROLE_LABELS[invitation.role]}</td>
                    <td data-label="Invited by">{invitation.invitedBy?.name ?? '—'}</td>
                    <td data-label="Sent">{formatDateTime(invitation.createdAt)}</td>
                    <td data-label="Expires">{formatDateTime(invitation.expiresAt)}</td>
                    <td data-label="Actions">
                      <ConfirmButton
                        label="Revoke"
                        ariaLabel={`Revoke the invitation of ${invitation.email}`}
                        danger
                        // Only an owner revokes an owner invitation (docs/auth.md).
                        disabled={revocation.fetching || (invitation.role === 'OWNER' && callerRole !== 'OWNER')}
                        question={`Revoke the invitation of ${invitation.email}? Its link stops working.`}
                        confirmLabel="Revoke invitation"
                        onConfirm={() => void revoke(invitation)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </QueryState>
      <LoadMore page={invitations} />
    </>
  );
}

function InviteForm({ callerRole, onInvited }: { callerRole: Role; onInvited: () => void }) {
  const [{ fetching, error }, inviteMember] = useInviteMemberMutation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('MEMBER');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [invited, setInvited] = useState<{ token: string; email: string; expiresAt: string }>();
  const server = error ? problemOf(error).fields : {};
  const roleId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const failed = failedChecks({ email: checkEmail(email) });
    setProblems(failed);
    if (Object.keys(failed).length > 0) return;
    const result = await inviteMember({ input: { email: email.trim(), role } });
    if (result.data) {
      const { token, invitation } = result.data.inviteMember;
      setInvited({ token, email: invitation.email, expiresAt: invitation.expiresAt });
      setEmail('');
      onInvited();
    }
  }

  return (
    <>
      {invited && (
        <OnceShownSecret
          label={`Invitation link for ${invited.email}`}
          value={invitationLink(invited.token)}
          onDismiss={() => setInvited(undefined)}
        >
          This link is shown only once: copy it now and send it to {invited.email}. It works once, only for that email address, until{' '}
          {formatDateTime(invited.expiresAt)}.
        </OnceShownSecret>
      )}
      <form onSubmit={submit} noValidate className="settings-form">
        <Field
          label="Email"
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={problems.email ?? server['input.email']}
        />
        <div className="field">
          <label htmlFor={roleId}>Role</label>
          <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {rolesUpTo(callerRole).map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        {error && <ErrorNotice error={error} title="Could not invite" />}
        <button type="submit" className="primary" disabled={fetching}>
          {fetching ? 'Inviting…' : 'Invite member'}
        </button>
      </form>
    </>
  );
}
