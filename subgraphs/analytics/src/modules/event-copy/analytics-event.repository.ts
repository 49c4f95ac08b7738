import type { EntityManager } from '@mikro-orm/postgresql';
import { PLATFORM_TOOL } from '@flowgraph/contracts';
import { executeBound } from '@flowgraph/kernel';
import type { CopiedEvent } from './copied-event';

/** What mining needs of an event. */
export interface MinableEvent {
  id: string;
  tool: string;
  eventType: string;
  occurredAt: Date;
  /** Core's ingestion number, the tie-breaker of events of one instant (null: copied before Core sent it). */
  seq?: number | null;
}

interface MinableRow {
  id: string;
  tool: string;
  event_type: string;
  occurred_at: Date | string;
  seq: string | null;
}

/**
 * Queries on Analytics' copy of events. Every method runs in a transaction scoped to `orgId`
 * (row-level security); the explicit `org_id` conditions are for the indexes.
 */
export class AnalyticsEventRepository {
  constructor(private readonly em: EntityManager) {}

  /** Inserts the events of one organization once per id (a redelivered event inserts nothing); returns how many were new. */
  async insertOnce(orgId: string, events: readonly CopiedEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const records = events.map((e) => ({
      id: e.id,
      user_id: e.userId,
      tool: e.tool,
      event_type: e.eventType,
      occurred_at: e.occurredAt.toISOString(),
      seq: e.seq ?? null,
      attributes: e.attributes,
    }));
    // Bound, not inlined by em.execute: a batch of up to 5,000 events is a JSON parameter of about a MB.
    const rows = await executeBound<{ id: string }>(
      this.em,
      `insert into analytics.events (id, org_id, user_id, tool, event_type, occurred_at, seq, attributes)
       select r.id, ?, r.user_id, r.tool, r.event_type, r.occurred_at, r.seq, r.attributes
       from jsonb_to_recordset(?::jsonb)
         as r(id uuid, user_id uuid, tool text, event_type text, occurred_at timestamptz, seq bigint, attributes jsonb)
       on conflict (id) do nothing
       returning id`,
      [orgId, JSON.stringify(records)],
    );
    return rows.length;
  }

  /** Records that the organization has events from `first` to `last` (widening what is known). */
  async touchOrganization(orgId: string, first: Date, last: Date): Promise<void> {
    await this.em.execute(
      `insert into analytics.organizations (org_id, first_event_at, last_event_at) values (?, ?, ?)
       on conflict (org_id) do update set
         first_event_at = least(analytics.organizations.first_event_at, excluded.first_event_at),
         last_event_at = greatest(analytics.organizations.last_event_at, excluded.last_event_at)`,
      [orgId, first.toISOString(), last.toISOString()],
    );
  }

  /**
   * The users' minable events (not platform events) from `from` to `to`, in time order (then
   * ingestion order, then id),
   * in one statement, by user id (users without events are absent).
   */
  async findMinableOfUsers(orgId: string, userIds: readonly string[], from: Date, to: Date): Promise<Map<string, MinableEvent[]>> {
    const byUser = new Map<string, MinableEvent[]>();
    if (userIds.length === 0) return byUser;
    const rows = await this.em.execute<(MinableRow & { user_id: string })[]>(
      `select user_id, id, tool, event_type, occurred_at, seq from analytics.events
       where org_id = ? and user_id = any(?::uuid[]) and occurred_at between ? and ? and tool <> ?
       order by user_id, occurred_at, seq, id`,
      [orgId, `{${userIds.join(',')}}`, from.toISOString(), to.toISOString(), PLATFORM_TOOL],
    );
    for (const r of rows) {
      let list = byUser.get(r.user_id);
      if (!list) byUser.set(r.user_id, (list = []));
      list.push({
        id: r.id,
        tool: r.tool,
        eventType: r.event_type,
        occurredAt: new Date(r.occurred_at),
        seq: r.seq === null ? null : Number(r.seq),
      });
    }
    return byUser;
  }

  /** Users with minable events from `from` to `to`, by id. */
  async findUsersWithEvents(orgId: string, from: Date, to: Date): Promise<string[]> {
    const rows = await this.em.execute<{ user_id: string }[]>(
      `select distinct user_id from analytics.events
       where org_id = ? and user_id is not null and occurred_at between ? and ? and tool <> ?
       order by user_id`,
      [orgId, from.toISOString(), to.toISOString(), PLATFORM_TOOL],
    );
    return rows.map((r) => r.user_id);
  }

  /** Deletes up to `limit` of the organization's events that happened before `before`; returns how many. */
  async deleteBefore(orgId: string, before: Date, limit: number): Promise<number> {
    const rows = await this.em.execute<{ id: string }[]>(
      `delete from analytics.events where id in (
         select id from analytics.events where org_id = ? and occurred_at < ? limit ?
       ) returning id`,
      [orgId, before.toISOString(), limit],
    );
    return rows.length;
  }
}
