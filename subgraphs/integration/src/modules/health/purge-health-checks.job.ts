import type { EntityManager } from '@mikro-orm/postgresql';

/** Daily job: deletes health checks older than INTEGRATION_HEALTH_RETENTION_DAYS (each history also keeps only its newest few). */
export const PURGE_HEALTH_CHECKS_JOB = 'purge-health-checks';
export const PURGE_HEALTH_CHECKS_SCHEDULE = { pattern: '50 3 * * *', tz: 'UTC' } as const;

const BATCH = 5000;

/** Through an owner-run function (checks of every organization), in batches. */
export async function purgeHealthChecks(em: EntityManager, keepDays: number): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await em.execute<{ deleted: number }[]>('select integration.purge_health_checks(?, ?) as deleted', [keepDays, BATCH]);
    total += row!.deleted;
    if (row!.deleted < BATCH) return total;
  }
}
