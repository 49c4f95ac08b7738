import { useState } from 'react';
import {
  SettingsMembersDocument,
  useChangeMemberRoleMutation,
  useRemoveMemberMutation,
  type MemberRowFragment,
  type Role,
  type SettingsMembersQuery,
} from '../../generated/graphql';
import { useSession } from '../../session/SessionProvider';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { LoadMore } from '../../ui/LoadMore';
import { QueryState } from '../../ui/QueryState';
import { formatDateTime } from '../../ui/format';
import { usePagedConnection } from '../../ui/usePagedConnection';
import { InvitationsSection } from './InvitationsSection';
import { ROLE_LABELS, canManageMember, isAdmin, rolesUpTo } from './roles';
import { TableScroll } from '../../ui/TableScroll';

const PAGE = { first: 50 };
const membersOf = (data: SettingsMembersQuery) => data.currentOrganization?.members;

/** The organization's members; admins change roles and remove (owners only for the owner role), and invite. */
export function MembersSection() {
  const { session } = useSession();
  const members = usePagedConnection(SettingsMembersDocument, PAGE, membersOf);
  const [removal, removeMember] = useRemoveMemberMutation();
  const callerRole = session?.role ?? 'VIEWER';

  async function remove(member: MemberRowFragment) {
    const result = await removeMember({ membershipId: member.id });
    if (result.data) members.refetch();
  }

  return (
    <>
      <h2>Members</h2>
      {removal.error && <ErrorNotice error={removal.error} title="Could not remove the member" />}
      <QueryState
        fetching={members.fetching}
        error={members.error}
        data={members.data}
        isEmpty={() => members.nodes.length === 0}
        empty="No members to show."
        label="Loading members"
      >
        {() => (
          <TableScroll label={'Members'}>
            <table className="stacked-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Joined</th>
                  {isAdmin(callerRole) && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {members.nodes.map((member) => {
                  const self = member.user.id === session?.user.id;
                  const manageable = !self && canManageMember(callerRole, member.role);
                  return (
                    <tr key={member.id}>
                      <td data-label="Name">
                        <span>
                          {member.user.name} {self && <span className="badge">you</span>}
                        </span>
                      </td>
                      <td data-label="Email">{member.user.email}</td>
                      <td data-label="Role">
                        {manageable ? (
                          <MemberRoleForm member={member} callerRole={callerRole} onChanged={members.refetch} />
                        ) : (
                          ROLE_LABELS[member.role]
                        )}
                      </td>
                      <td data-label="Joined">{formatDateTime(member.createdAt)}</td>
                      {isAdmin(callerRole) && (
                        <td data-label="Actions">
                          {manageable && (
                            <ConfirmButton
                              label="Remove"
                              ariaLabel={`Remove ${member.user.name}`}
                              danger
                              disabled={removal.fetching}
                              question={`Remove ${member.user.name} (${member.user.email}) from the organization? Their access ends at once.`}
                              confirmLabel="Remove member"
                              onConfirm={() => void remove(member)}
                            />
                          )}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
      </QueryState>
      <LoadMore page={members} />
      {isAdmin(callerRole) && <InvitationsSection callerRole={callerRole} />}
    </>
  );
}

/** A role picker and its save button: the change ends the member's current access, so it is not sent on every pick. */
function MemberRoleForm({ member, callerRole, onChanged }: { member: MemberRowFragment; callerRole: Role; onChanged: () => void }) {
  const [role, setRole] = useState<Role>(member.role);
  const [{ fetching, error }, changeMemberRole] = useChangeMemberRoleMutation();
  return (
    <form
      className="inline-form"
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await changeMemberRole({ membershipId: member.id, role });
        if (result.data) onChanged();
      }}
    >
      <select aria-label={`Role of ${member.user.name}`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
        {rolesUpTo(callerRole).map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <button type="submit" disabled={fetching || role === member.role} aria-label={`Save the role of ${member.user.name}`}>
        Save
      </button>
      {error && <ErrorNotice error={error} title="Could not change the role" />}
    </form>
  );
}
