import type { EntityManager } from '@mikro-orm/postgresql';
import { setRowScope, type RowScope } from '@flowgraph/kernel';

/**
 * Runs `work` in its own short READ ONLY transaction on `root` (a replica's ORM), scoped for
 * row-level security like a request's: `app.org_id` is set for this transaction only.
 */
export async function inReadOnlyScopedTransaction<T>(root: EntityManager, scope: RowScope, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const em = root.fork({ clear: true });
  await em.begin({ readOnly: true });
  try {
    await setRowScope(em, scope);
    const result = await work(em);
    await em.commit();
    return result;
  } catch (error) {
    await em.rollback();
    throw error;
  }
}
