import type { EntityManager } from '@mikro-orm/postgresql';
import { inScopedTransaction, type Logger } from '@flowgraph/kernel';
import { AnalyticsEventRepository } from '../event-copy/analytics-event.repository';
import type { PatternListener } from './pattern-listener';
import { PatternStore } from './pattern-store.repository';
import { miningWindow, mineUserPatterns, type UserMiningOptions } from './user-pattern-mining';

/** A user of an organization, the unit mining works on. */
export interface UserRef {
  orgId: string;
  userId: string;
}

export interface UserMiningResult extends UserRef {
  /** Patterns the mining found (all active now). */
  active: number;
  /** Patterns of the user it no longer found, now inactive. */
  deactivated: number;
}

export interface PatternMinerDeps {
  root: EntityManager;
  options: UserMiningOptions;
  logger: Logger;
  /** Told of each user's patterns inside the mining transaction (suggestions); its returned task runs after commit. */
  listener?: PatternListener;
  /** Users mined at the same time by {@link PatternMiner.mineUsers}. Default: 4. */
  concurrency?: number;
}

/**
 * Mines users and stores their patterns: the one path both modes (nightly batch, near-real-time
 * refresh) take, so both give the same rows on the same events and clock.
 */
export class PatternMiner {
  constructor(private readonly deps: PatternMinerDeps) {}

  /**
   * Re-mines one user from their stored events as of `now`, in one transaction scoped to the
   * organization: found patterns upserted active, the user's others marked inactive, then the
   * listener. Two minings of one user are serialized (advisory lock) so an older view can never
   * overwrite a newer one.
   */
  async mineUser({ orgId, userId }: UserRef, now: Date): Promise<UserMiningResult> {
    const { root, options, listener, logger } = this.deps;
    const after: { task?: () => Promise<void> } = {};
    const result = await inScopedTransaction(root, { orgId }, async (em) => {
      await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`analytics.patterns:${orgId}:${userId}`]);
      const { from, to } = miningWindow(now, options.windowDays);
      const events = await new AnalyticsEventRepository(em).findMinable(orgId, userId, from, to);
      const mined = mineUserPatterns(events, now, options);
      const store = new PatternStore(em);
      const { deactivated } = await store.save(orgId, userId, mined, now);
      if (listener) {
        const task = await listener({ orgId, userId, em, patterns: await store.findActive(orgId, userId), now });
        if (task) after.task = task;
      }
      return { orgId, userId, active: mined.length, deactivated };
    });
    if (after.task) {
      // The patterns are committed; a failed announcement must not make the mining look failed (a retry would find nothing new to announce).
      await after.task().catch((error: unknown) => logger.error({ err: error, orgId, userId }, 'pattern listener task failed'));
    }
    return result;
  }

  /**
   * Mines each user once (duplicates removed), a few at a time. Every user is attempted; if any
   * failed, the first error is thrown afterwards so the caller retries (mining is idempotent).
   */
  async mineUsers(users: readonly UserRef[], now: Date): Promise<UserMiningResult[]> {
    const unique = [...new Map(users.map((u) => [`${u.orgId}:${u.userId}`, u])).values()];
    const results: UserMiningResult[] = [];
    const errors: unknown[] = [];
    let next = 0;
    const work = async () => {
      while (next < unique.length) {
        const user = unique[next++];
        try {
          results.push(await this.mineUser(user, now));
        } catch (error) {
          this.deps.logger.error({ err: error, ...user }, 'mining a user failed');
          errors.push(error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.deps.concurrency ?? 4, unique.length) }, work));
    if (errors.length > 0) throw errors[0];
    return results;
  }
}
