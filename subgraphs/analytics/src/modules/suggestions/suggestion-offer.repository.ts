import type { EntityManager } from '@mikro-orm/postgresql';
import type { PatternStep } from '../patterns/pattern.entity';
import type { SuggestionStatus } from './suggestion.entity';
import type { AttributeValueCount, SuggestionDraft } from './suggestion-rules';

/** What the listener needs of an existing suggestion to decide what to do with it. */
export interface ExistingSuggestion extends Omit<SuggestionDraft, 'templateId'> {
  id: string;
  patternId: string;
  status: SuggestionStatus;
  supportAtDismissal: number | null;
}

export interface NewSuggestion extends SuggestionDraft {
  id: string;
  orgId: string;
  userId: string;
  patternId: string;
  support: number;
  offeredAt: Date;
}

const DRAFT_COLUMNS = `title = ?, explanation = ?, parameters = ?::jsonb, estimated_minutes_saved_per_week = ?`;
const draftValues = (draft: SuggestionDraft) => [
  draft.title,
  draft.explanation,
  JSON.stringify(draft.parameters),
  draft.estimatedMinutesSavedPerWeek,
];

/**
 * The writes of the pattern listener, in the miner's transaction (scoped to the organization).
 * Plain SQL: the miner's unit of work stays its own.
 */
export class SuggestionOfferRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Inserts an open suggestion unless its pattern already has one. The unique index on
   * `pattern_id` decides, so two miners racing on one pattern create one suggestion.
   */
  async insertIfAbsent(suggestion: NewSuggestion): Promise<boolean> {
    const rows = await this.em.execute<{ id: string }[]>(
      `insert into analytics.suggestions (id, org_id, user_id, pattern_id, template_id, status, title, explanation, parameters,
         estimated_minutes_saved_per_week, support_at_offer, offered_at)
       values (?, ?, ?, ?, ?, 'open', ?, ?, ?::jsonb, ?, ?, ?)
       on conflict (pattern_id) do nothing returning id`,
      [
        suggestion.id,
        suggestion.orgId,
        suggestion.userId,
        suggestion.patternId,
        suggestion.templateId,
        suggestion.title,
        suggestion.explanation,
        JSON.stringify(suggestion.parameters),
        suggestion.estimatedMinutesSavedPerWeek,
        suggestion.support,
        suggestion.offeredAt,
      ],
    );
    return rows.length > 0;
  }

  /** The patterns' suggestions, locked until the miner commits (in id order, so two miners never deadlock). */
  async lockByPatternIds(patternIds: readonly string[]): Promise<ExistingSuggestion[]> {
    if (patternIds.length === 0) return [];
    return this.em.execute<ExistingSuggestion[]>(
      `select id, pattern_id as "patternId", status, support_at_dismissal as "supportAtDismissal", title, explanation, parameters,
              estimated_minutes_saved_per_week as "estimatedMinutesSavedPerWeek"
       from analytics.suggestions where pattern_id in (?) order by id for update`,
      [[...patternIds]],
    );
  }

  /** An open suggestion's text, parameters and estimate follow its pattern, without a new offer. */
  async refresh(id: string, draft: SuggestionDraft): Promise<void> {
    await this.em.execute(`update analytics.suggestions set ${DRAFT_COLUMNS}, updated_at = now() where id = ?`, [
      ...draftValues(draft),
      id,
    ]);
  }

  /** A dismissed suggestion offered again: open, from `offeredAt`, its dismissal cleared. */
  async reopen(id: string, draft: SuggestionDraft, support: number, offeredAt: Date): Promise<void> {
    await this.em.execute(
      `update analytics.suggestions set ${DRAFT_COLUMNS}, status = 'open', support_at_offer = ?, offered_at = ?,
         dismissed_at = null, support_at_dismissal = null, updated_at = now()
       where id = ? and status = 'dismissed'`,
      [...draftValues(draft), support, offeredAt, id],
    );
  }

  /**
   * How often each attribute value appeared on the user's events of the given types since
   * `since` (attributes hold only the template-parameter vocabulary: channel, repository…).
   */
  async recentAttributeCounts(orgId: string, userId: string, steps: readonly PatternStep[], since: Date): Promise<AttributeValueCount[]> {
    if (steps.length === 0) return [];
    const types = [...new Set(steps.map((s) => `${s.tool}/${s.eventType}`))];
    const rows = await this.em.execute<
      { tool: string; event_type: string; key: string; value: string; count: number; last_seen_at: Date | string }[]
    >(
      `select e.tool, e.event_type, a.key, a.value, count(*)::int as count, max(e.occurred_at) as last_seen_at
       from analytics.events e cross join lateral jsonb_each_text(e.attributes) as a(key, value)
       where e.org_id = ? and e.user_id = ? and e.occurred_at >= ? and e.tool || '/' || e.event_type in (?)
       group by e.tool, e.event_type, a.key, a.value`,
      [orgId, userId, since, types],
    );
    return rows.map((r) => ({
      tool: r.tool,
      eventType: r.event_type,
      key: r.key,
      value: r.value,
      count: r.count,
      lastSeenAt: new Date(r.last_seen_at),
    }));
  }
}
