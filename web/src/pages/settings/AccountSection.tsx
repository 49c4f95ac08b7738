import { useSession } from '../../session/SessionProvider';
import { DataRequestsSection } from './DataRequestsSection';
import { ROLE_LABELS } from './roles';

/** The signed-in account, and the person's data rights (export, deletion). */
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
      <DataRequestsSection />
    </>
  );
}
