import type { EntityManager } from '@mikro-orm/postgresql';
import { inScopedTransaction } from '@flowgraph/kernel';
import { AnalyticsEventRepository } from './analytics-event.repository';
import type { CopiedEvent } from './copied-event';

/** Events grouped by organization, each group once per id, in first-seen order. */
export function groupByOrganization(events: readonly CopiedEvent[]): Map<string, CopiedEvent[]> {
  const groups = new Map<string, CopiedEvent[]>();
  const seen = new Set<string>();
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    const group = groups.get(event.orgId);
    if (group) group.push(event);
    else groups.set(event.orgId, [event]);
  }
  return groups;
}

/**
 * Stores events idempotently: one transaction per organization, scoped to it (row-level
 * security), inserting each event once by id and widening the organization's known event span.
 * Returns how many events were new.
 */
export async function storeEvents(root: EntityManager, events: readonly CopiedEvent[]): Promise<number> {
  let inserted = 0;
  for (const [orgId, group] of groupByOrganization(events)) {
    const times = group.map((e) => e.occurredAt.getTime());
    inserted += await inScopedTransaction(root, { orgId }, async (em) => {
      const repository = new AnalyticsEventRepository(em);
      const count = await repository.insertOnce(orgId, group);
      await repository.touchOrganization(orgId, new Date(Math.min(...times)), new Date(Math.max(...times)));
      return count;
    });
  }
  return inserted;
}

const PURGE_BATCH = 5000;

/**
 * Deletes the organization's events that happened before `before`, in batches of their own
 * transaction so a large backlog never holds one long lock. Returns how many were deleted.
 */
export async function purgeEventsBefore(root: EntityManager, orgId: string, before: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await inScopedTransaction(root, { orgId }, (em) =>
      new AnalyticsEventRepository(em).deleteBefore(orgId, before, PURGE_BATCH),
    );
    total += deleted;
    if (deleted < PURGE_BATCH) return total;
  }
}
