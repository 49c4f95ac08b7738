import type { HealthSweep, IntegrationHealthService } from './health.service';

/** Repeatable job (INTEGRATION_HEALTH_SCHEDULE, every 5 minutes by default): checks every connected integration. No data. */
export const CHECK_INTEGRATIONS_HEALTH_JOB = 'check-integrations-health';

export const checkIntegrationsHealth = (health: IntegrationHealthService): Promise<HealthSweep> => health.checkAll();
