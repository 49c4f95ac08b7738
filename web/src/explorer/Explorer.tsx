import { useEffect, useState, useSyncExternalStore } from 'react';
import { GraphiQL } from 'graphiql';
import type { Session, SessionStore } from '../session/session-store';
import { createExplorerFetcher, type ExplorerFetcher } from './fetcher';

const FIRST_QUERY = `# Operations run as you, in your current organization (your role's rights).
# Subscriptions go over graphql-ws, e.g.
#   subscription { suggestionAdded { id title } }

{
  me {
    id
    email
  }
}
`;

/**
 * GraphiQL on this origin's graph for the signed-in user of the app (the session the app keeps in
 * localStorage); a sign-in link otherwise. Follows the session across tabs: signing out elsewhere
 * shows the link, another user or organization gets a fresh editor and connection.
 */
export function Explorer({ store }: { store: SessionStore }) {
  const session = useSyncExternalStore(
    (listener) => store.subscribe(listener),
    () => store.current,
  );
  if (!session) return <SignedOut />;
  return <SignedIn key={`${session.user.id}:${session.organization.id}`} store={store} session={session} />;
}

function SignedIn({ store, session }: { store: SessionStore; session: Session }) {
  const [explorer, setExplorer] = useState<ExplorerFetcher | null>(null);
  useEffect(() => {
    const created = createExplorerFetcher(store);
    setExplorer(created);
    return () => void created.ws.dispose();
  }, [store]);
  return (
    <div className="explorer">
      <header className="explorer-bar">
        <a href="/">Flowgraph</a>
        <span className="explorer-who">
          API explorer · {session.user.email} in {session.organization.name} ({session.role.toLowerCase()})
        </span>
      </header>
      {explorer && <GraphiQL fetcher={explorer.fetcher} defaultQuery={FIRST_QUERY} forcedTheme="light" />}
    </div>
  );
}

function SignedOut() {
  return (
    <main className="explorer-signed-out">
      <h1>API explorer</h1>
      <p>The explorer runs operations as a signed-in user.</p>
      <p>
        <a href="/login?from=%2Fexplorer">Sign in</a> and you will come back here.
      </p>
    </main>
  );
}
