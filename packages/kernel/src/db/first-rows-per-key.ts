import type { EntityManager } from '@mikro-orm/postgresql';

export interface FirstRowsPerKeyQuery<R extends object, T> {
  /**
   * Reads one row (its columns as Postgres names them, plus `rank`): a plain read object on hot
   * read lists, or `em.map(Entity, row)` where a managed entity is wanted.
   */
  map: (row: R) => T;
  /** Schema-qualified table, a constant of the repository (never client input). */
  table: string;
  /** Column the rows are grouped by, e.g. `user_id`. */
  keyColumn: string;
  /** SQL order within each group, a constant of the repository, e.g. `created_at desc, id desc`. */
  orderBy: string;
  keys: readonly string[];
  /** An extra SQL condition on `t`, a constant of the repository, e.g. `t.deleted_at is null`. */
  where?: string;
  /** Rows per key (callers ask one more than a page to learn whether there is a next page). */
  limit: number;
}

/**
 * The first `limit` rows of each key, in one statement: a window function ranks rows within
 * each key. This is what makes a per-parent list (each user's workflows) cost one query per
 * request instead of one per parent.
 */
export async function firstRowsPerKey<R extends object, T>(em: EntityManager, query: FirstRowsPerKeyQuery<R, T>): Promise<T[]> {
  if (query.keys.length === 0) return [];
  const rows = await em.execute<R[]>(
    `select * from (
       select t.*, row_number() over (partition by ${query.keyColumn} order by ${query.orderBy}) as rank
       from ${query.table} t where ${query.keyColumn} in (?)${query.where ? ` and (${query.where})` : ''}
     ) ranked where rank <= ? order by ${query.orderBy}`,
    [[...query.keys], query.limit],
  );
  return rows.map((row) => query.map(row));
}
