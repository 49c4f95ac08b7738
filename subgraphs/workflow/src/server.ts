import {
  loadPackageSchema,
  startSubgraphServer,
  type Logger,
  type RunningServer,
  type ServiceMetrics,
  type SubgraphResolvers,
} from '@flowgraph/kernel';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createContextFactory, type WorkflowContext } from './context';
import { activityRoute } from './modules/activity/activity.route';
import { dataSubjectRoutes } from './modules/data-subject/data-subject.route';
import type { ExecutionModuleDeps } from './modules/executions/executions.context';
import type { TriggerModuleDeps } from './modules/triggers/triggers.context';
import { triggerRoutes, type TriggerRouteDeps } from './modules/triggers/trigger.routes';
import { templateIdFormats } from './modules/templates/template-id';
import { resolvers } from './resolvers';

export const typeDefs = loadPackageSchema(__dirname);

export interface WorkflowServerDeps {
  orm: MikroORM;
  logger: Logger;
  identitySecret: string;
  /** Cron schedulers, webhook secrets and the webhook receiver (the triggers module). */
  triggers: TriggerModuleDeps & Omit<TriggerRouteDeps, 'orm' | 'logger' | 'cipher'>;
  /**
   * The executions queue, and the execution-update pub/sub (with it, `executionUpdated` is served
   * over graphql-ws). Default: the triggers' execution queue, without subscriptions.
   */
  executions?: ExecutionModuleDeps;
  /** Where requests, operations and SQL are counted (`startServiceMetrics`). Default: none. */
  metrics?: ServiceMetrics;
}

/** Wiring only: the workflow subgraph on `port` (0 picks a free one). */
export function startWorkflowServer(deps: WorkflowServerDeps, port = 0, host?: string): Promise<RunningServer> {
  const executions = deps.executions ?? { queue: deps.triggers.executionQueue };
  return startSubgraphServer<WorkflowContext>(
    {
      name: 'workflow',
      typeDefs,
      resolvers: resolvers as SubgraphResolvers<WorkflowContext>,
      orm: deps.orm,
      logger: deps.logger,
      identitySecret: deps.identitySecret,
      extendContext: createContextFactory({ triggers: deps.triggers, executions }),
      subscriptions: Boolean(executions.updates),
      idFormats: templateIdFormats,
      metrics: deps.metrics,
      routes: (app) => {
        triggerRoutes({ orm: deps.orm, logger: deps.logger, ...deps.triggers })(app);
        activityRoute({ orm: deps.orm, identitySecret: deps.identitySecret, logger: deps.logger })(app);
        dataSubjectRoutes({ orm: deps.orm, identitySecret: deps.identitySecret, logger: deps.logger })(app);
      },
    },
    port,
    host,
  );
}
