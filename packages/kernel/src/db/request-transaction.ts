import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/** What row-level security policies read: `current_setting('app.org_id', true)`. */
export interface RowScope {
  orgId?: string;
  userId?: string;
}

export interface ScopedTransactionOptions {
  /** READ ONLY: writes fail (e.g. reads sent to a replica). */
  readOnly?: boolean;
}

/**
 * Starts a transaction on a fresh fork and sets the row-level-security scope for it only
 * (`set_config(..., true)` is transaction-local, so a pooled connection never carries one
 * request's organization into the next).
 */
export async function beginScopedTransaction(
  root: EntityManager,
  scope: RowScope,
  options: ScopedTransactionOptions = {},
): Promise<EntityManager> {
  const em = root.fork({ clear: true });
  await em.begin({ readOnly: options.readOnly });
  try {
    await setRowScope(em, scope);
  } catch (error) {
    const cause = await failedBegin(em, error);
    // Ends the transaction, so its connection goes back to the pool (as in inScopedTransaction).
    await em.rollback().catch(() => undefined);
    throw cause;
  }
  return em;
}

/**
 * knex ends a transaction whose BEGIN failed (its connection was lost) without telling MikroORM,
 * which answers the next statement with "Transaction query already complete"; the BEGIN's own
 * error, the one that says what happened, is on the transaction's `executionPromise`.
 */
async function failedBegin(em: EntityManager, error: unknown): Promise<unknown> {
  const trx = em.getTransactionContext<Knex.Transaction>();
  if (!trx?.isCompleted()) return error;
  return trx.executionPromise.then(
    () => error,
    (cause: unknown) => cause,
  );
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
