import type { ReactNode } from 'react';
import { useSession } from '../../session/SessionProvider';
import { isAdmin } from './roles';

/** A section only admins and owners may use; others (who reach it by URL) are told so, and nothing is queried. */
export function AdminOnly({ title, what, children }: { title: string; what: string; children: ReactNode }) {
  const { session } = useSession();
  if (isAdmin(session?.role)) return <>{children}</>;
  return (
    <>
      <h2>{title}</h2>
      <p className="notice">Only admins and owners manage {what}. Ask one of them if you need a change.</p>
    </>
  );
}
