import {
  loadPackageSchema,
  startSubgraphServer,
  type Logger,
  type RunningServer,
  type ServiceMetrics,
  type SubgraphResolvers,
} from '@flowgraph/kernel';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createContextFactory, type AnalyticsContext, type ContextDeps } from './context';
import { dataSubjectRoutes } from './modules/data-subject/data-subject.route';
import { resolvers } from './resolvers';

export const typeDefs = loadPackageSchema(__dirname);

export interface AnalyticsServerDeps {
  orm: MikroORM;
  logger: Logger;
  identitySecret: string;
  /**
   * The suggestions and reporting modules' process-wide pieces. With a suggestion feed (its
   * RedisPubSub having a subscriber connection), `suggestionAdded` is served over graphql-ws.
   */
  modules: ContextDeps;
  /** Where requests, operations and SQL are counted (`startServiceMetrics`). Default: none. */
  metrics?: ServiceMetrics;
}

/** Wiring only: the analytics subgraph on `port` (0 picks a free one). */
export function startAnalyticsServer(deps: AnalyticsServerDeps, port = 0, host?: string): Promise<RunningServer> {
  return startSubgraphServer<AnalyticsContext>(
    {
      name: 'analytics',
      typeDefs,
      resolvers: resolvers as SubgraphResolvers<AnalyticsContext>,
      orm: deps.orm,
      logger: deps.logger,
      identitySecret: deps.identitySecret,
      extendContext: createContextFactory(deps.modules),
      subscriptions: Boolean(deps.modules.suggestions.feed),
      metrics: deps.metrics,
      routes: (app) => dataSubjectRoutes({ orm: deps.orm, identitySecret: deps.identitySecret, logger: deps.logger })(app),
    },
    port,
    host,
  );
}
