import type { EntityManager } from '@mikro-orm/postgresql';
import { firstRowsPerKey, validUuids } from '@flowgraph/kernel';
import { PatternEntity, type Pattern } from './pattern.entity';

/** Where a row sits in `User.patterns`' order (most support first). */
export interface PatternPosition {
  support: number;
  id: string;
}

/** Pattern queries. Row-level security limits every one to the request's organization. */
export class PatternRepository {
  constructor(private readonly em: EntityManager) {}

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
      entity: PatternEntity,
      table: 'analytics.patterns',
      keyColumn: 'user_id',
      orderBy: 'support desc, id desc',
      keys: validUuids(userIds),
      where: 't.active',
      limit,
    });
  }

  /** A later page of one user's active patterns, after a `(support, id)` position. */
  pageByUser(userId: string, limit: number, { support, id }: PatternPosition): Promise<Pattern[]> {
    return this.em.find(
      PatternEntity,
      { userId, active: true, $or: [{ support: { $lt: support } }, { support, id: { $lt: id } }] },
      { orderBy: { support: 'desc', id: 'desc' }, limit },
    );
  }
}
