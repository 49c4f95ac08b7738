import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import { LogOutDocument } from '../generated/graphql';
import { createGraphClient, type GraphClient } from './client';
import { SessionStore, type Session } from './session-store';

interface SessionContextValue {
  session: Session | null;
  /** Keep the tokens of signUp, logIn, acceptInvitation or switchOrganization. */
  signIn(session: Session): void;
  /** Revoke this session on the server (best effort) and forget it in every tab. */
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);
const store = new SessionStore();

/** Who is signed in where changes the client: caches and subscriptions never cross users or organizations. */
function clientKey(session: Session | null): string {
  return session ? `${session.user.id}:${session.organization.id}` : 'anonymous';
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState(store.current);
  useEffect(() => store.subscribe(setSession), []);
  // A new client (and a fresh page tree) whenever the user or organization changes.
  return (
    <GraphProvider key={clientKey(session)} session={session}>
      {children}
    </GraphProvider>
  );
}

function GraphProvider({ session, children }: { session: Session | null; children: ReactNode }) {
  const [graph] = useState<GraphClient>(() => createGraphClient(store));
  useEffect(() => () => void graph.ws.dispose(), [graph]);
  const signIn = useCallback((next: Session) => store.set(next), []);
  const signOut = useCallback(async () => {
    if (store.current) await graph.client.mutation(LogOutDocument, {}).toPromise();
    store.clear();
  }, [graph]);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return (
    <SessionContext.Provider value={value}>
      <Provider value={graph.client}>{children}</Provider>
    </SessionContext.Provider>
  );
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
}
