import { loadPackageSchema, startSubgraphServer, type Logger, type RunningServer, type SubgraphResolvers } from '@flowgraph/kernel';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createContextFactory, type IntegrationContext } from './context';
import { internalActionsRoute } from './modules/actions/actions.route';
import type { ActionService } from './modules/actions/action.service';
import { resolvers } from './resolvers';

export const typeDefs = loadPackageSchema(__dirname);

export interface IntegrationServerDeps {
  orm: MikroORM;
  logger: Logger;
  identitySecret: string;
  /** Runs connector actions for workflow steps (`POST /internal/actions`). */
  actions: ActionService;
}

/** Wiring only: the integration subgraph on `port` (0 picks a free one). */
export function startIntegrationServer(deps: IntegrationServerDeps, port = 0, host?: string): Promise<RunningServer> {
  return startSubgraphServer<IntegrationContext>(
    {
      name: 'integration',
      typeDefs,
      resolvers: resolvers as SubgraphResolvers<IntegrationContext>,
      orm: deps.orm,
      logger: deps.logger,
      identitySecret: deps.identitySecret,
      extendContext: createContextFactory(),
      routes: internalActionsRoute({ actions: deps.actions, identitySecret: deps.identitySecret, logger: deps.logger }),
    },
    port,
    host,
  );
}
