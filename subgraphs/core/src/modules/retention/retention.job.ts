import type { EntityManager } from '@mikro-orm/postgresql';

/** Daily job: deletes events past their organization's retention and audit entries past a year. */
export const RETENTION_JOB = 'retention';
export const RETENTION_SCHEDULE = { pattern: '0 3 * * *', tz: 'UTC' } as const;

export interface RetentionJobData {
  /** Audit entries older than this many days are deleted (architecture-target.md §4.2: one year). */
  auditKeepDays: number;
}

export interface RetentionResult {
  eventsDeleted: number;
  auditEntriesDeleted: number;
}

const BATCH = 5000;

/** Deletes in batches so a large backlog never holds one long transaction or lock. */
async function drain(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await em.execute<{ deleted: number }[]>(sql, [...params, BATCH]);
    total += row.deleted;
    if (row.deleted < BATCH) return total;
  }
}

export async function runRetention(em: EntityManager, data: RetentionJobData): Promise<RetentionResult> {
  return {
    eventsDeleted: await drain(em, 'select core.purge_expired_events(?) as deleted', []),
    auditEntriesDeleted: await drain(em, 'select core.purge_expired_audit_entries(?, ?) as deleted', [data.auditKeepDays]),
  };
}
