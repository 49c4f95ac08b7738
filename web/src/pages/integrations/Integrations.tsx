import { Route, Routes } from 'react-router';
import { useSession } from '../../session/SessionProvider';
import ConnectIntegration from './ConnectIntegration';
import { ConnectorCatalog } from './ConnectorCatalog';
import { IntegrationList } from './IntegrationList';
import IntegrationPage from './IntegrationPage';
import { OAuthOutcome } from './OAuthOutcome';
import { isAdmin } from './integration-labels';

/** `/integrations/*`: connections and the catalog, connecting one, one connection's page. */
export default function Integrations() {
  return (
    <Routes>
      <Route index element={<IntegrationsHome />} />
      <Route path="connect/:provider" element={<ConnectIntegration />} />
      <Route path=":id" element={<IntegrationPage />} />
    </Routes>
  );
}

function IntegrationsHome() {
  const { session } = useSession();
  return (
    <section>
      <h1>Integrations</h1>
      <OAuthOutcome />
      <IntegrationList />
      <ConnectorCatalog canConnect={isAdmin(session?.role)} />
    </section>
  );
}
