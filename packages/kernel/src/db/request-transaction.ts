import type { AbstractSqlConnection, EntityManager } from '@mikro-orm/postgresql';
import { ScopedPostgreSqlDialect, statementScopedContext, type RowScope, type ScopedTransactionConfig } from './scoped-begin';

export type { RowScope } from './scoped-begin';

export interface ScopedTransactionOptions {
  /** READ ONLY: writes fail (e.g. reads sent to a replica). */
  readOnly?: boolean;
}

/**
 * Starts a transaction on a fresh fork with the row-level-security scope set for it only
 * (`set_config(..., true)` is transaction-local, so a pooled connection never carries one
 * request's organization into the next). BEGIN and the scope go in one round trip
 * (`ScopedPostgreSqlDialect`, installed by `createOrm`).
 */
export async function beginScopedTransaction(
  root: EntityManager,
  scope: RowScope,
  options: ScopedTransactionOptions = {},
): Promise<EntityManager> {
  const em = root.fork({ clear: true });
  await openScopedTransaction(em, scope, options);
  return em;
}

/** `beginScopedTransaction` on a fork the caller already holds (a request's, built before it knew its operation). */
export async function openScopedTransaction(em: EntityManager, scope: RowScope, options: ScopedTransactionOptions = {}): Promise<void> {
  const knex = (em.getConnection('write') as AbstractSqlConnection).getKnex();
  const config: ScopedTransactionConfig = { readOnly: options.readOnly, rowScope: scope };
  const trx = await knex.transaction(config);
  // knex hands back a transaction whose BEGIN failed (a lost connection) as if it had begun; the
  // BEGIN's own error, the one that says what happened, is on its `executionPromise`.
  if (trx.isCompleted()) {
    throw await trx.executionPromise.then(
      () => new Error('The transaction ended as it began'),
      (cause: unknown) => cause,
    );
  }
  em.setTransactionContext(trx);
}

/**
 * Read-only work without a request transaction: every statement `em` sends runs alone with the
 * scope and READ ONLY, in one round trip (`statementScopedContext`). For GraphQL queries: under
 * READ COMMITTED each statement sees its own snapshot inside a transaction too, so only BEGIN
 * and COMMIT go. Anything that writes fails.
 */
export function useStatementScope(em: EntityManager, scope: RowScope): void {
  const client = (em.getConnection('write') as AbstractSqlConnection).getKnex().client as unknown;
  if (!(client instanceof ScopedPostgreSqlDialect))
    throw new Error('Statement scopes need the ORM from createOrm (ScopedPostgreSqlDialect)');
  em.setTransactionContext(statementScopedContext(client, scope));
}

export async function setRowScope(em: EntityManager, scope: RowScope): Promise<void> {
  await em.execute(`select set_config('app.org_id', ?, true), set_config('app.user_id', ?, true)`, [scope.orgId ?? '', scope.userId ?? '']);
}

/** Runs `work` in its own scoped transaction (for workers and scripts outside a request). */
export async function inScopedTransaction<T>(
  root: EntityManager,
  scope: RowScope,
  work: (em: EntityManager) => Promise<T>,
  options: ScopedTransactionOptions = {},
): Promise<T> {
  const em = await beginScopedTransaction(root, scope, options);
  try {
    const result = await work(em);
    await em.commit();
    return result;
  } catch (error) {
    // A lost connection fails the rollback too; the server ends the transaction, and the error
    // that says what happened is the first one.
    await em.rollback().catch(() => undefined);
    throw error;
  }
}
