import {
  loadPackageSchema,
  startSubgraphServer,
  type Logger,
  type Redis,
  type RunningServer,
  type SubgraphResolvers,
} from '@flowgraph/kernel';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { IntegrationConfig } from './config';
import { createContextFactory, type IntegrationContext } from './context';
import { createActionsModule } from './modules/actions/actions.module';
import { internalActionsRoute } from './modules/actions/actions.route';
import { createProviderWebhooksModule } from './modules/provider-webhooks/provider-webhooks.module';
import { resolvers } from './resolvers';

export const typeDefs = loadPackageSchema(__dirname);

export interface IntegrationServerDeps {
  orm: MikroORM;
  logger: Logger;
  /** A plain connection: shared per-account rate limits. The caller closes it. */
  redis: Redis;
  config: IntegrationConfig;
}

/** Wiring only: the integration subgraph, its internal routes and provider webhooks on `port` (0 picks a free one). */
export async function startIntegrationServer(deps: IntegrationServerDeps, port = 0, host?: string): Promise<RunningServer> {
  const { logger, config } = deps;
  const actions = createActionsModule({ orm: deps.orm, config, redis: deps.redis, logger });
  const webhooks = createProviderWebhooksModule({ orm: deps.orm, config, redis: deps.redis, logger });
  const actionsRoute = internalActionsRoute({ actions: actions.actions, identitySecret: config.IDENTITY_SECRET, logger });
  const server = await startSubgraphServer<IntegrationContext>(
    {
      name: 'integration',
      typeDefs,
      resolvers: resolvers as SubgraphResolvers<IntegrationContext>,
      orm: deps.orm,
      logger,
      identitySecret: config.IDENTITY_SECRET,
      extendContext: createContextFactory(),
      routes: (app) => {
        actionsRoute(app);
        webhooks.route(app);
      },
    },
    port,
    host,
  );
  return {
    ...server,
    async stop() {
      await server.stop();
      await actions.close();
    },
  };
}
