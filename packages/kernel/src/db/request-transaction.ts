import type { EntityManager } from '@mikro-orm/postgresql';

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
  await setRowScope(em, scope);
  return em;
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
    await em.rollback();
    throw error;
  }
}
