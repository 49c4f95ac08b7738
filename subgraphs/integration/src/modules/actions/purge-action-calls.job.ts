import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Daily job: deletes connector action calls (the idempotency ledger) started more than
 * ACTION_CALLS_RETENTION_DAYS ago. A step retried after that runs its action again.
 */
export const PURGE_ACTION_CALLS_JOB = 'purge-action-calls';
export const PURGE_ACTION_CALLS_SCHEDULE = { pattern: '40 3 * * *', tz: 'UTC' } as const;

const BATCH = 5000;

/** Through an owner-run function (calls of every organization), in batches. */
export async function purgeActionCalls(em: EntityManager, keepDays: number): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await em.execute<{ deleted: number }[]>('select integration.purge_action_calls(?, ?) as deleted', [keepDays, BATCH]);
    total += row!.deleted;
    if (row!.deleted < BATCH) return total;
  }
}
