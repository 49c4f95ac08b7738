import { useState } from 'react';
import type { CombinedError } from 'urql';
import { useMySessionsQuery, useRevokeSessionMutation, type SessionRowFragment } from '../../generated/graphql';
import { useSession } from '../../session/SessionProvider';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { QueryState } from '../../ui/QueryState';
import { formatDateTime, formatRelative } from '../../ui/format';

/** The user's own signed-in devices: revoke one, or sign out everywhere. */
export function SessionsSection() {
  const { signOut } = useSession();
  const [sessions, reexecute] = useMySessionsQuery();
  const [revocation, revokeSession] = useRevokeSessionMutation();
  const [everywhere, setEverywhere] = useState<{ running: boolean; error?: CombinedError }>({ running: false });
  const list = sessions.data?.sessions ?? [];

  async function revoke(session: SessionRowFragment) {
    const result = await revokeSession({ id: session.id });
    // Production sends persisted documents without __typename: urql's cache cannot tell the list changed.
    if (result.data) reexecute({ requestPolicy: 'network-only' });
  }

  /** Every other device first, then this one: signing out first would leave no session to revoke the others with. */
  async function signOutEverywhere() {
    setEverywhere({ running: true });
    const others = list.filter((session) => !session.current);
    const results = await Promise.all(others.map((session) => revokeSession({ id: session.id })));
    const failed = results.find((result) => result.error);
    if (failed?.error) {
      setEverywhere({ running: false, error: failed.error });
      return;
    }
    await signOut();
  }

  return (
    <>
      <h2>Sessions</h2>
      <p className="muted">The devices signed in to your account, most recently used first.</p>
      {revocation.error && !everywhere.error && <ErrorNotice error={revocation.error} title="Could not sign the device out" />}
      {everywhere.error && <ErrorNotice error={everywhere.error} title="Could not sign out everywhere" />}
      <QueryState
        fetching={sessions.fetching}
        error={sessions.error}
        data={sessions.data?.sessions}
        isEmpty={(data) => data.length === 0}
        empty="No sessions."
        label="Loading sessions"
      >
        {(data) => (
          <ul className="session-list">
            {data.map((session) => (
              <li key={session.id} className="card">
                <strong>{session.userAgent ?? 'Unknown device'}</strong>{' '}
                {session.current && <span className="badge badge-ok">This device</span>}
                <p className="muted">
                  IP {session.ip ?? 'unknown'} · signed in {formatDateTime(session.createdAt)} · last used{' '}
                  <time dateTime={session.lastUsedAt}>{formatRelative(session.lastUsedAt)}</time>
                </p>
                {!session.current && (
                  <ConfirmButton
                    label="Revoke"
                    ariaLabel={`Revoke the session of ${describe(session)}`}
                    danger
                    disabled={revocation.fetching}
                    question={`Sign out ${describe(session)}? It must sign in again.`}
                    confirmLabel="Revoke session"
                    onConfirm={() => void revoke(session)}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <h3>Sign out everywhere</h3>
      <p className="muted">If a device was lost or shared: ends every session of your account, then signs this device out too.</p>
      <ConfirmButton
        label={everywhere.running ? 'Signing out…' : 'Sign out everywhere'}
        danger
        disabled={everywhere.running || !sessions.data}
        question="Sign out of Flowgraph on every device, this one included?"
        confirmLabel="Sign out every device"
        onConfirm={() => void signOutEverywhere()}
      />
    </>
  );
}

function describe(session: SessionRowFragment): string {
  return `${session.userAgent ?? 'an unknown device'} (last used ${formatDateTime(session.lastUsedAt)})`;
}
