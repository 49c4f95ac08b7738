import type { EntityManager } from '@mikro-orm/postgresql';
import { firstRowsPerKey, validUuids } from '@flowgraph/kernel';
import { PatternEntity, type Pattern } from './pattern.entity';
import { patternFromRow, type PatternRow } from './pattern.row';

/** Where a row sits in `User.patterns`' order (most support first). */
export interface PatternPosition {
  support: number;
  id: string;
}

/**
 * Pattern queries. Row-level security limits every one to the request's organization.
 * `User.patterns` pages are plain objects (`patternFromRow`) read in the request's transaction.
 */
export class PatternRepository {
  constructor(private readonly em: EntityManager) {}

  private readonly fromRow = (row: PatternRow): Pattern => patternFromRow(row, this.em.getPlatform());

  /** Ids that are not UUIDs cannot exist; dropping them keeps Postgres from failing the whole batch. */
  findByIds(ids: readonly string[]): Promise<Pattern[]> {
    const valid = validUuids(ids);
    if (valid.length === 0) return Promise.resolve([]);
    return this.em.find(PatternEntity, { id: { $in: valid } });
  }

  /**
   * The first `limit` active patterns of each user, by support then id (both descending), in one
   * statement.
   */
  firstPageByUsers(userIds: readonly string[], limit: number): Promise<Pattern[]> {
    return firstRowsPerKey(this.em, {
      map: this.fromRow,
      table: 'analytics.patterns',
      keyColumn: 'user_id',
      orderBy: 'support desc, id desc',
      keys: validUuids(userIds),
      where: 't.active',
      limit,
    });
  }

  /** A later page of one user's active patterns, after a `(support, id)` position. */
  async pageByUser(userId: string, limit: number, { support, id }: PatternPosition): Promise<Pattern[]> {
    const rows = await this.em.execute<PatternRow[]>(
      `select * from analytics.patterns where user_id = ? and active and (support, id) < (?, ?::uuid)
       order by support desc, id desc limit ?`,
      [userId, support, id, limit],
    );
    return rows.map(this.fromRow);
  }
}
