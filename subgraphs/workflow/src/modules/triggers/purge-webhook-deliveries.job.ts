import type { EntityManager } from '@mikro-orm/postgresql';

/** Daily job: deletes webhook deliveries older than a week (replays are refused after 5 minutes). */
export const PURGE_WEBHOOK_DELIVERIES_JOB = 'purge-webhook-deliveries';
export const PURGE_WEBHOOK_DELIVERIES_SCHEDULE = { pattern: '45 3 * * *', tz: 'UTC' } as const;
export const DELIVERY_KEEP_DAYS = 7;

const BATCH = 5000;

/** Through an owner-run function (deliveries of every organization), in batches. */
export async function purgeWebhookDeliveries(em: EntityManager, keepDays = DELIVERY_KEEP_DAYS): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await em.execute<{ deleted: number }[]>('select workflow.purge_webhook_deliveries(?, ?) as deleted', [keepDays, BATCH]);
    total += row.deleted;
    if (row.deleted < BATCH) return total;
  }
}
