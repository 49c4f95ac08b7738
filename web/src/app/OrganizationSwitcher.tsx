import { useMyOrganizationsQuery, useSwitchOrganizationMutation } from '../generated/graphql';
import { useSession } from '../session/SessionProvider';

/** The organizations the user belongs to; choosing one issues tokens acting there. */
export function OrganizationSwitcher() {
  const { session, signIn } = useSession();
  const [{ data }] = useMyOrganizationsQuery();
  const [{ fetching }, switchOrganization] = useSwitchOrganizationMutation();
  const memberships = data?.me?.memberships ?? [];
  if (!session || memberships.length < 2) return <span className="org-name">{session?.organization.name}</span>;
  return (
    <label className="org-switcher">
      <span className="visually-hidden">Organization</span>
      <select
        value={session.organization.id}
        disabled={fetching}
        onChange={async (event) => {
          const result = await switchOrganization({ organizationId: event.target.value });
          if (result.data) signIn(result.data.switchOrganization);
        }}
      >
        {memberships.map((m) => (
          <option key={m.organization.id} value={m.organization.id}>
            {m.organization.name}
          </option>
        ))}
      </select>
    </label>
  );
}
