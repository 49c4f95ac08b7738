import {
  loadPackageSchema,
  secretKeyringFromConfig,
  startSubgraphServer,
  type Logger,
  type Redis,
  type RunningServer,
  type ServiceMetrics,
  type SubgraphResolvers,
} from '@flowgraph/kernel';
import type { Express } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { IntegrationConfig } from './config';
import { createContextFactory, type IntegrationContext } from './context';
import { createActionsModule } from './modules/actions/actions.module';
import { createHealthModule } from './modules/health/health.module';
import { internalActionsRoute } from './modules/actions/actions.route';
import { OAuthTokenRefresher } from './modules/oauth/oauth-token-refresher';
import { oauthRoutes } from './modules/oauth/oauth.routes';
import { dataSubjectRoutes } from './modules/data-subject/data-subject.route';
import { OAuthService } from './modules/oauth/oauth.service';
import { createProviderWebhooksModule } from './modules/provider-webhooks/provider-webhooks.module';
import { resolvers } from './resolvers';

export const typeDefs = loadPackageSchema(__dirname);

export interface IntegrationServerDeps {
  orm: MikroORM;
  logger: Logger;
  /** A plain connection: shared per-account rate limits. The caller closes it. */
  redis: Redis;
  config: IntegrationConfig;
  /** Where requests, operations and SQL are counted (`startServiceMetrics`). Default: none. */
  metrics?: ServiceMetrics;
}

/** Wiring only: the integration subgraph, its internal routes, the browser's OAuth routes and provider webhooks on `port` (0 picks a free one). */
export async function startIntegrationServer(deps: IntegrationServerDeps, port = 0, host?: string): Promise<RunningServer> {
  const { orm, logger, config } = deps;
  const keyring = secretKeyringFromConfig(config);
  const oauth = new OAuthService({ orm, keyring, config, logger });
  const tokens = new OAuthTokenRefresher({ orm, keyring, config });
  const actions = createActionsModule({ orm, config, redis: deps.redis, logger, keyring, tokens });
  const health = createHealthModule({ orm, config, logger, keyring, tokens });
  const webhooks = createProviderWebhooksModule({ orm, config, redis: deps.redis, logger, keyring });
  const server = await startSubgraphServer<IntegrationContext>(
    {
      name: 'integration',
      typeDefs,
      resolvers: resolvers as SubgraphResolvers<IntegrationContext>,
      orm,
      logger,
      identitySecret: config.IDENTITY_SECRET,
      extendContext: createContextFactory({ oauth, keyring, publicUrl: config.PUBLIC_URL, health: health.health }),
      routes: (app: Express) => {
        internalActionsRoute({ actions: actions.actions, identitySecret: config.IDENTITY_SECRET, logger })(app);
        dataSubjectRoutes({ orm, identitySecret: config.IDENTITY_SECRET, logger })(app);
        // The browser's OAuth visits (through the gateway): no signed identity, see oauth.routes.ts.
        oauthRoutes({ oauth, config, logger })(app);
        // Provider deliveries (through the gateway): verified by their own signatures.
        webhooks.route(app);
      },
      metrics: deps.metrics,
    },
    port,
    host,
  );
  return {
    ...server,
    async stop() {
      await server.stop();
      await actions.close();
      await health.close();
    },
  };
}
