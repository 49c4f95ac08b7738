import type { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, validationError } from '@flowgraph/kernel';
import { PatternEntity, type Pattern } from './pattern.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Pattern queries. Row-level security limits every one to the request's organization. */
export class PatternRepository {
  constructor(private readonly em: EntityManager) {}

  /** Ids that are not UUIDs cannot exist; dropping them keeps Postgres from failing the whole batch. */
  findByIds(ids: readonly string[]): Promise<Pattern[]> {
    const valid = ids.filter((id) => UUID.test(id));
    if (valid.length === 0) return Promise.resolve([]);
    return this.em.find(PatternEntity, { id: { $in: valid } });
  }

  /**
   * The first `limit` patterns of each user, by support then id (both descending), in one
   * statement (a window function ranks rows per user), so many users' patterns are not N+1.
   */
  async firstPageByUsers(userIds: readonly string[], limit: number): Promise<Pattern[]> {
    const rows = await this.em.execute<Record<string, unknown>[]>(
      `select * from (
         select p.*, row_number() over (partition by user_id order by support desc, id desc) as rank
         from analytics.patterns p where user_id in (?)
       ) ranked where rank <= ? order by support desc, id desc`,
      [[...userIds], limit],
    );
    return rows.map((row) => this.em.map(PatternEntity, row));
  }

  /** A later page of one user's patterns, after a `(support, id)` cursor. */
  pageByUser(userId: string, limit: number, after: string): Promise<Pattern[]> {
    const [support, id] = decodeCursor(after, 2);
    if (typeof support !== 'number' || typeof id !== 'string' || !UUID.test(id)) {
      throw validationError([{ field: 'after', message: 'Invalid cursor' }]);
    }
    return this.em.find(
      PatternEntity,
      { userId, $or: [{ support: { $lt: support } }, { support, id: { $lt: id } }] },
      { orderBy: { support: 'desc', id: 'desc' }, limit },
    );
  }
}
