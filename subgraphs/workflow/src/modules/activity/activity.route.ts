import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { INTERNAL_ACTIVITY_PATH, activityRangeSchema, type WorkflowActivity } from '@flowgraph/contracts';
import { inScopedTransaction, internalRoute, type Logger } from '@flowgraph/kernel';
import { ActivityRepository } from './activity.repository';

export interface ActivityRouteOptions {
  orm: MikroORM;
  identitySecret: string;
  logger: Logger;
}

/**
 * `GET /internal/activity?from=YYYY-MM-DD&to=YYYY-MM-DD` for Analytics' daily aggregates: the
 * organization's workflow activity per UTC day of the range (at most 366 days) and each workflow
 * owner's first workflow and first successful run. 200 `{ from, to, days: [...], users: [...] }`
 * (the contract's WorkflowActivity); 400 VALIDATION_ERROR with details; 401 unless the call carries a
 * signed `service` identity acting in an organization, whose rows alone it reads (RLS applies).
 */
export function activityRoute(options: ActivityRouteOptions) {
  return internalRoute({
    method: 'GET',
    path: INTERNAL_ACTIVITY_PATH,
    input: activityRangeSchema,
    identitySecret: options.identitySecret,
    logger: options.logger,
    unsigned: 'A signed service identity is required',
    refuse: (identity) =>
      identity.authMethod !== 'service' || !identity.orgId ? 'A signed service identity acting in an organization is required' : null,
    handle: ({ identity, input }): Promise<WorkflowActivity> => {
      const orgId = identity.orgId!;
      return inScopedTransaction(options.orm.em as EntityManager, { orgId }, async (em) => {
        const activity = new ActivityRepository(em);
        return { ...input, days: await activity.days(orgId, input), users: await activity.milestones(orgId) };
      });
    },
  });
}
