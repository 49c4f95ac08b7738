import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityDictionary, EntityName } from '@mikro-orm/core';

export interface FirstRowsPerKeyQuery<T extends object> {
  entity: EntityName<T>;
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
export async function firstRowsPerKey<T extends object>(em: EntityManager, query: FirstRowsPerKeyQuery<T>): Promise<T[]> {
  if (query.keys.length === 0) return [];
  const rows = await em.execute<EntityDictionary<T>[]>(
    `select * from (
       select t.*, row_number() over (partition by ${query.keyColumn} order by ${query.orderBy}) as rank
       from ${query.table} t where ${query.keyColumn} in (?)${query.where ? ` and (${query.where})` : ''}
     ) ranked where rank <= ? order by ${query.orderBy}`,
    [[...query.keys], query.limit],
  );
  return rows.map((row) => em.map(query.entity, row));
}
