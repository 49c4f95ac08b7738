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
  /** The gateway answered CONSENT_REQUIRED: the app shows the page to accept the policies in force. */
  consentRequired: boolean;
  /** Keep the tokens of acceptPolicies and carry on: the pages are built afresh and ask again. */
  acceptedPolicies(session: Session): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);
const store = new SessionStore();

/** Who is signed in where changes the client: caches and subscriptions never cross users or organizations. */
function clientKey(session: Session | null): string {
  return session ? `${session.user.id}:${session.organization.id}` : 'anonymous';
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState(store.current);
  // `accepted` counts acceptances: each one builds the client and pages afresh (no answer refused before it is kept).
  const [consent, setConsent] = useState({ required: false, accepted: 0 });
  useEffect(() => store.subscribe(setSession), []);
  const onConsentRequired = useCallback(() => setConsent((c) => (c.required ? c : { ...c, required: true })), []);
  const acceptedPolicies = useCallback((next: Session) => {
    store.set(next);
    setConsent((c) => ({ required: false, accepted: c.accepted + 1 }));
  }, []);
  // A new client (and a fresh page tree) whenever the user or organization changes.
  return (
    <GraphProvider
      key={`${clientKey(session)}:${consent.accepted}`}
      session={session}
      consent={{ required: consent.required && session !== null, onRequired: onConsentRequired, accepted: acceptedPolicies }}
    >
      {children}
    </GraphProvider>
  );
}

interface ConsentState {
  required: boolean;
  onRequired(): void;
  accepted(session: Session): void;
}

function GraphProvider({ session, consent, children }: { session: Session | null; consent: ConsentState; children: ReactNode }) {
  const [graph] = useState<GraphClient>(() => createGraphClient(store, { onConsentRequired: consent.onRequired }));
  useEffect(() => () => void graph.ws.dispose(), [graph]);
  const signIn = useCallback((next: Session) => store.set(next), []);
  const signOut = useCallback(async () => {
    if (store.current) await graph.client.mutation(LogOutDocument, {}).toPromise();
    store.clear();
  }, [graph]);
  const value = useMemo(
    () => ({ session, signIn, signOut, consentRequired: consent.required, acceptedPolicies: consent.accepted }),
    [session, signIn, signOut, consent.required, consent.accepted],
  );
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
