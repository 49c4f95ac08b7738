import { loadPackageSchema, startSubgraphServer, type Logger, type RunningServer } from '@flowgraph/kernel';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { createWorkflowContext, type WorkflowContext } from './context';
import { resolvers } from './resolvers';

export const typeDefs = loadPackageSchema(__dirname);

export interface WorkflowServerDeps {
  orm: MikroORM;
  logger: Logger;
  identitySecret: string;
}

/** Wiring only: the workflow subgraph on `port` (0 picks a free one). */
export function startWorkflowServer(deps: WorkflowServerDeps, port = 0, host?: string): Promise<RunningServer> {
  return startSubgraphServer<WorkflowContext>(
    {
      name: 'workflow',
      typeDefs,
      resolvers: resolvers as GraphQLResolverMap<WorkflowContext>,
      orm: deps.orm,
      logger: deps.logger,
      identitySecret: deps.identitySecret,
      extendContext: createWorkflowContext,
    },
    port,
    host,
  );
}
