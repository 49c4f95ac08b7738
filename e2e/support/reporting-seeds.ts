import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { inScopedTransaction } from '@flowgraph/kernel';

/** An event as Analytics' consumer stores it (user null: a system event). */
export interface SeedEvent {
  userId: string | null;
  tool: string;
  eventType: string;
  occurredAt: string;
}

const inOrg = <T>(orm: MikroORM, orgId: string, work: (em: EntityManager) => Promise<T>) =>
  inScopedTransaction(orm.em as EntityManager, { orgId }, work);

/** Stores events and the organization's first/last event, as the event consumer would (app role, RLS). */
export async function seedEvents(orm: MikroORM, orgId: string, events: SeedEvent[]): Promise<void> {
  await inOrg(orm, orgId, async (em) => {
    for (const e of events) {
      await em.execute(`insert into analytics.events (id, org_id, user_id, tool, event_type, occurred_at) values (?, ?, ?, ?, ?, ?)`, [
        randomUUID(),
        orgId,
        e.userId,
        e.tool,
        e.eventType,
        e.occurredAt,
      ]);
    }
    await em.execute(
      `insert into analytics.organizations (org_id, first_event_at, last_event_at)
       select org_id, min(occurred_at), max(occurred_at) from analytics.events where org_id = ? group by org_id
       on conflict (org_id) do update set first_event_at = excluded.first_event_at, last_event_at = excluded.last_event_at`,
      [orgId],
    );
  });
}

export interface SeedSuggestion {
  userId: string;
  offeredAt: string;
  acceptedAt?: string;
  dismissedAt?: string;
}

/** A suggestion (with the pattern it came from), open, accepted or dismissed. */
export async function seedSuggestion(orm: MikroORM, orgId: string, s: SeedSuggestion): Promise<void> {
  await inOrg(orm, orgId, async (em) => {
    const patternId = randomUUID();
    const sequence = [
      { tool: 'github', eventType: 'pr.opened' },
      { tool: 'slack', eventType: `message.${patternId.slice(0, 8)}` },
    ];
    await em.execute(
      `insert into analytics.patterns (id, org_id, user_id, sequence, support, confidence, first_seen_at, last_seen_at)
       values (?, ?, ?, ?, 6, 0.8, ?, ?)`,
      [patternId, orgId, s.userId, JSON.stringify(sequence), s.offeredAt, s.offeredAt],
    );
    const status = s.acceptedAt ? 'accepted' : s.dismissedAt ? 'dismissed' : 'open';
    await em.execute(
      `insert into analytics.suggestions (id, org_id, user_id, pattern_id, template_id, status, title, explanation,
         estimated_minutes_saved_per_week, support_at_offer, offered_at, accepted_at, workflow_id, dismissed_at, support_at_dismissal)
       values (?, ?, ?, ?, 'github-pr-to-slack', ?, 'Post PRs to Slack', 'You often do this', 10, 6, ?, ?, ?, ?, ?)`,
      [
        randomUUID(),
        orgId,
        s.userId,
        patternId,
        status,
        s.offeredAt,
        s.acceptedAt ?? null,
        s.acceptedAt ? randomUUID() : null,
        s.dismissedAt ?? null,
        s.dismissedAt ? 6 : null,
      ],
    );
  });
}
