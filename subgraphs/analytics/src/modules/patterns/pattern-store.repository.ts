import type { EntityManager } from '@mikro-orm/postgresql';
import { PatternEntity, type Pattern } from './pattern.entity';
import type { MinedPattern } from './user-pattern-mining';

/**
 * The miner's writes to analytics.patterns, in a transaction scoped to the organization.
 * A user has one row per sequence (unique key); rows are never deleted, only marked inactive.
 */
export class PatternStore {
  constructor(private readonly em: EntityManager) {}

  /**
   * Stores a mining's result for several users of the organization in one statement: their mined
   * patterns upserted as active, their other active patterns marked inactive; returns how many
   * were marked, per user. A row whose values are unchanged is not rewritten, so `updated_at` (set
   * to `now`, the mining's clock) tells when the mined values last changed. (The two parts touch
   * disjoint rows: found keys, other keys.)
   */
  async save(orgId: string, mined: ReadonlyMap<string, readonly MinedPattern[]>, now: Date): Promise<Map<string, number>> {
    const records = [...mined].flatMap(([userId, patterns]) =>
      patterns.map((p) => ({
        user_id: userId,
        sequence: p.sequence,
        support: p.support,
        confidence: p.confidence,
        first_seen_at: p.firstSeenAt.toISOString(),
        last_seen_at: p.lastSeenAt.toISOString(),
        examples: p.examples,
        support_last_week: p.supportLastWeek,
        support_previous_week: p.supportPreviousWeek,
      })),
    );
    const rows = await this.em.execute<{ user_id: string; deactivated: number }[]>(
      `with upserted as (
         insert into analytics.patterns as p
           (id, org_id, user_id, sequence, support, confidence, first_seen_at, last_seen_at, examples,
            support_last_week, support_previous_week, active, created_at, updated_at)
         select gen_random_uuid(), ?, r.user_id, r.sequence, r.support, r.confidence, r.first_seen_at, r.last_seen_at, r.examples,
                r.support_last_week, r.support_previous_week, true, ?, ?
         from jsonb_to_recordset(?::jsonb) as r(user_id uuid, sequence jsonb, support int, confidence float8, first_seen_at timestamptz,
                last_seen_at timestamptz, examples jsonb, support_last_week int, support_previous_week int)
         on conflict (org_id, user_id, key) do update set
           support = excluded.support, confidence = excluded.confidence,
           first_seen_at = excluded.first_seen_at, last_seen_at = excluded.last_seen_at, examples = excluded.examples,
           support_last_week = excluded.support_last_week, support_previous_week = excluded.support_previous_week,
           active = true, updated_at = excluded.updated_at
         where (p.support, p.confidence, p.first_seen_at, p.last_seen_at, p.examples, p.support_last_week, p.support_previous_week, p.active)
           is distinct from (excluded.support, excluded.confidence, excluded.first_seen_at, excluded.last_seen_at, excluded.examples,
                             excluded.support_last_week, excluded.support_previous_week, true)
         returning 1
       ), deactivated as (
         update analytics.patterns set active = false, updated_at = ?
         where org_id = ? and user_id = any(?::uuid[]) and active
           and (user_id, key) not in (
             select r.user_id, analytics.pattern_key(r.sequence) from jsonb_to_recordset(?::jsonb) as r(user_id uuid, sequence jsonb))
         returning user_id
       )
       select user_id, count(*)::int as deactivated from deactivated group by user_id`,
      [
        orgId,
        now.toISOString(),
        now.toISOString(),
        JSON.stringify(records),
        now.toISOString(),
        orgId,
        `{${[...mined.keys()].join(',')}}`,
        JSON.stringify(records),
      ],
    );
    return new Map(rows.map((r) => [r.user_id, r.deactivated]));
  }

  /** The users' active patterns, by user; each list most supported first, then by key (code-unit order, whatever the collation). */
  async findActive(orgId: string, userIds: readonly string[]): Promise<Map<string, Pattern[]>> {
    const byUser = new Map<string, Pattern[]>(userIds.map((id) => [id, []]));
    for (const pattern of await this.em.find(PatternEntity, { orgId, userId: { $in: [...userIds] }, active: true }))
      byUser.get(pattern.userId)?.push(pattern);
    const key = (p: Pattern) => p.key ?? '';
    for (const patterns of byUser.values())
      patterns.sort((a, b) => b.support - a.support || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    return byUser;
  }

  /** Users of the organization with at least one active pattern, by id. */
  async findUsersWithActivePatterns(orgId: string): Promise<string[]> {
    const rows = await this.em.execute<{ user_id: string }[]>(
      `select distinct user_id from analytics.patterns where org_id = ? and active order by user_id`,
      [orgId],
    );
    return rows.map((r) => r.user_id);
  }
}
