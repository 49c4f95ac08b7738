import {
  loadPackageSchema,
  secretKeyringFromConfig,
  startSubgraphServer,
  type Logger,
  type RunningServer,
  type SecretKeyring,
  type SubgraphResolvers,
} from '@flowgraph/kernel';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadIntegrationConfig, type IntegrationConfig } from './config';
import { createContextFactory, type IntegrationContext } from './context';
import { oauthRoutes } from './modules/oauth/oauth.routes';
import { OAuthService } from './modules/oauth/oauth.service';
import { resolvers } from './resolvers';

export const typeDefs = loadPackageSchema(__dirname);

export interface IntegrationServerDeps {
  orm: MikroORM;
  logger: Logger;
  identitySecret: string;
  /** Default: loadIntegrationConfig() (PUBLIC_URL, WEB_APP_URL, connector clients). */
  config?: IntegrationConfig;
  /** Default: the keyring `config` describes. */
  keyring?: SecretKeyring;
}

/** Wiring only: the integration subgraph on `port` (0 picks a free one). */
export function startIntegrationServer(deps: IntegrationServerDeps, port = 0, host?: string): Promise<RunningServer> {
  const config = deps.config ?? loadIntegrationConfig();
  const keyring = deps.keyring ?? secretKeyringFromConfig(config);
  const oauth = new OAuthService({ orm: deps.orm, keyring, config, logger: deps.logger });
  return startSubgraphServer<IntegrationContext>(
    {
      name: 'integration',
      typeDefs,
      resolvers: resolvers as SubgraphResolvers<IntegrationContext>,
      orm: deps.orm,
      logger: deps.logger,
      identitySecret: deps.identitySecret,
      extendContext: createContextFactory(),
      // The browser's OAuth visits (through the gateway): no signed identity, see oauth.routes.ts.
      routes: oauthRoutes({ oauth, config, logger: deps.logger }),
    },
    port,
    host,
  );
}
