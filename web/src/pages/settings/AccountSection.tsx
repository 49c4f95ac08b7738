import { useSession } from '../../session/SessionProvider';
import { ROLE_LABELS } from './roles';

/**
 * The signed-in account. Exporting one's data and deleting the account belong to the operations
 * issue: the graph has no such mutations yet, so this says so rather than offering buttons.
 */
export function AccountSection() {
  const { session } = useSession();
  if (!session) return null;
  return (
    <>
      <h2>Account</h2>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{session.user.name}</dd>
        <dt>Email</dt>
        <dd>{session.user.email}</dd>
        <dt>Role in {session.organization.name}</dt>
        <dd>{ROLE_LABELS[session.role]}</dd>
      </dl>
      <h3>Data export and account deletion</h3>
      <p className="notice">
        Exporting your data and deleting your account are not available yet. Until they are, ask your organization&apos;s owner or Flowgraph
        support.
      </p>
    </>
  );
}
