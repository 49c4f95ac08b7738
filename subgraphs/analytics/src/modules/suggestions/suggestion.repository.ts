import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { firstRowsPerKey, isUuid, validUuids, type TimeIdPosition } from '@flowgraph/kernel';
import { SuggestionEntity, type Suggestion, type SuggestionStatus } from './suggestion.entity';
import { suggestionFromRow, type SuggestionRow } from './suggestion.row';

/** The allow-listed status filters of `User.suggestions`, as SQL constants (never client text). */
const STATUS_WHERE: Record<SuggestionStatus, string> = {
  open: `t.status = 'open'`,
  accepted: `t.status = 'accepted'`,
  dismissed: `t.status = 'dismissed'`,
};

/**
 * Suggestion reads for the API. Row-level security limits every one to the request's
 * organization. The lists (`User.suggestions`, `Pattern.suggestion`) return plain objects
 * (`suggestionFromRow`) read in the request's transaction; changes start from `findForUpdate`.
 */
export class SuggestionRepository {
  constructor(private readonly em: EntityManager) {}

  private readonly fromRow = (row: SuggestionRow): Suggestion => suggestionFromRow(row, this.em.getPlatform());

  /** Ids that are not UUIDs cannot exist; dropping them keeps Postgres from failing the whole batch. */
  findByIds(ids: readonly string[]): Promise<Suggestion[]> {
    const valid = validUuids(ids);
    if (valid.length === 0) return Promise.resolve([]);
    return this.em.find(SuggestionEntity, { id: { $in: valid } });
  }

  async findByPatternIds(patternIds: readonly string[]): Promise<Suggestion[]> {
    const valid = validUuids(patternIds);
    if (valid.length === 0) return [];
    const rows = await this.em.execute<SuggestionRow[]>('select * from analytics.suggestions where pattern_id in (?)', [valid]);
    return rows.map(this.fromRow);
  }

  /** One suggestion locked for the rest of the transaction: concurrent accepts and dismissals queue behind it. */
  findForUpdate(id: string): Promise<Suggestion | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.em.findOne(SuggestionEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  }

  /** The first `limit` suggestions of each user, most recently offered first, in one statement. */
  firstPageByUsers(userIds: readonly string[], limit: number, status?: SuggestionStatus): Promise<Suggestion[]> {
    return firstRowsPerKey(this.em, {
      map: this.fromRow,
      table: 'analytics.suggestions',
      keyColumn: 'user_id',
      orderBy: 'offered_at desc, id desc',
      where: status ? STATUS_WHERE[status] : undefined,
      keys: validUuids(userIds),
      limit,
    });
  }

  /** A later page of one user's suggestions, after an `(offeredAt, id)` position. */
  async pageByUser(userId: string, limit: number, after: TimeIdPosition, status?: SuggestionStatus): Promise<Suggestion[]> {
    const rows = await this.em.execute<SuggestionRow[]>(
      `select * from analytics.suggestions t where t.user_id = ? ${status ? `and ${STATUS_WHERE[status]}` : ''}
         and (t.offered_at, t.id) < (?::timestamptz, ?::uuid)
       order by t.offered_at desc, t.id desc limit ?`,
      [userId, after.at.toISOString(), after.id, limit],
    );
    return rows.map(this.fromRow);
  }
}
