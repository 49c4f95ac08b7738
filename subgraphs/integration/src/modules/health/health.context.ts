import { groupLoader, type RequestContext } from '@flowgraph/kernel';
import { HealthRepository, type HealthCheckRecord } from './health.repository';
import type { IntegrationHealthService } from './health.service';

/** `Integration.healthHistory` shows at most this many checks (the worker keeps INTEGRATION_HEALTH_HISTORY). */
export const MAX_HEALTH_HISTORY = 20;

/** The process-wide pieces the health module's API needs. */
export interface HealthModuleContextDeps {
  health: IntegrationHealthService;
}

/** The health module's share of the request context. */
export interface HealthContext {
  health: IntegrationHealthService;
  /** Every parent's latest checks in one query per tick. */
  healthHistory: ReturnType<typeof groupLoader<string, HealthCheckRecord>>;
}

export function createHealthContext(base: RequestContext, deps: HealthModuleContextDeps): HealthContext {
  const repository = new HealthRepository(base.em);
  return {
    health: deps.health,
    healthHistory: groupLoader(
      async (ids) => [...(await repository.historyOf(ids, MAX_HEALTH_HISTORY)).values()].flat(),
      (check) => check.integrationId,
    ),
  };
}
