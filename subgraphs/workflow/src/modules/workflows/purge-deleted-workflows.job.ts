import type { EntityManager } from '@mikro-orm/postgresql';
import { RESTORE_WINDOW_DAYS } from './workflow.repository';

/**
 * Daily job: hard-deletes workflows soft-deleted more than the restore window ago, with their
 * versions, triggers and executions (by cascade). Registered on the workflow worker's scheduler.
 */
export const PURGE_DELETED_WORKFLOWS_JOB = 'purge-deleted-workflows';
export const PURGE_DELETED_WORKFLOWS_SCHEDULE = { pattern: '30 3 * * *', tz: 'UTC' } as const;

const BATCH = 500;

/**
 * Runs as the owner through a SECURITY DEFINER function (the purge crosses organizations, which
 * the application role cannot see), in batches so a backlog never holds one long transaction.
 */
export async function purgeDeletedWorkflows(em: EntityManager, keepDays = RESTORE_WINDOW_DAYS): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await em.execute<{ deleted: number }[]>('select workflow.purge_deleted_workflows(?, ?) as deleted', [keepDays, BATCH]);
    total += row.deleted;
    if (row.deleted < BATCH) return total;
  }
}
