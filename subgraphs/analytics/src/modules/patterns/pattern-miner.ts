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
  /** Groups of users mined at the same time by {@link PatternMiner.mineUsers} (each holds a connection). Default: 4. */
  concurrency?: number;
}

/** Users of one organization mined in one transaction, at most. */
const GROUP_SIZE = 10;

/**
 * Mines users and stores their patterns: the one path both modes (nightly batch, near-real-time
 * refresh) take, so both give the same rows on the same events and clock.
 */
export class PatternMiner {
  constructor(private readonly deps: PatternMinerDeps) {}

  /** Re-mines one user (see {@link mineUsers}). */
  async mineUser(user: UserRef, now: Date): Promise<UserMiningResult> {
    const [result] = await this.mineGroup(user.orgId, [user.userId], now);
    return result;
  }

  /**
   * Re-mines each user once (duplicates removed) from their stored events as of `now`: the users
   * of an organization in groups of up to {@link GROUP_SIZE}, one transaction per group (a few
   * statements whatever its size), up to `concurrency` groups at a time. Every group is
   * attempted; if any failed, the first error is thrown afterwards so the caller retries (mining
   * is idempotent).
   */
  async mineUsers(users: readonly UserRef[], now: Date): Promise<UserMiningResult[]> {
    const byOrg = new Map<string, Set<string>>();
    for (const { orgId, userId } of users) byOrg.set(orgId, (byOrg.get(orgId) ?? new Set()).add(userId));
    const groups: { orgId: string; userIds: string[] }[] = [];
    for (const [orgId, ids] of byOrg) {
      const userIds = [...ids];
      // Spread a round over the workers: at most GROUP_SIZE per group, at least enough groups to use the concurrency.
      const size = Math.min(GROUP_SIZE, Math.ceil(userIds.length / (this.deps.concurrency ?? 4)));
      for (let i = 0; i < userIds.length; i += size) groups.push({ orgId, userIds: userIds.slice(i, i + size) });
    }
    const results: UserMiningResult[] = [];
    const errors: unknown[] = [];
    let next = 0;
    const work = async () => {
      while (next < groups.length) {
        const group = groups[next++];
        try {
          results.push(...(await this.mineGroup(group.orgId, group.userIds, now)));
        } catch (error) {
          this.deps.logger.error({ err: error, orgId: group.orgId, users: group.userIds.length }, 'mining users failed');
          errors.push(error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.deps.concurrency ?? 4, groups.length) }, work));
    if (errors.length > 0) throw errors[0];
    return results;
  }

  /**
   * Mines users of one organization in one transaction scoped to it: found patterns upserted
   * active, each user's others marked inactive, then the listener per user. Two minings of one
   * user are serialized (advisory locks, taken in one order) so an older view can never overwrite
   * a newer one.
   */
  private async mineGroup(orgId: string, userIds: readonly string[], now: Date): Promise<UserMiningResult[]> {
    const { root, options, listener, logger } = this.deps;
    const tasks: { userId: string; task: () => Promise<void> }[] = [];
    const results = await inScopedTransaction(root, { orgId }, async (em) => {
      const locks = userIds.map((userId) => `analytics.patterns:${orgId}:${userId}`).sort();
      // Patterns and suggestions are derived from the stored events, so their commit need not wait
      // for the WAL flush: a crash loses at most the last moments of mining, which the next mining redoes.
      await em.execute(
        `select count(pg_advisory_xact_lock(hashtextextended(k, 0))), set_config('synchronous_commit', 'off', true)
         from (select unnest(?::text[]) as k order by 1) as keys`,
        [`{${locks.join(',')}}`],
      );
      const { from, to } = miningWindow(now, options.windowDays);
      const events = await new AnalyticsEventRepository(em).findMinableOfUsers(orgId, userIds, from, to);
      const mined = new Map(userIds.map((userId) => [userId, mineUserPatterns(events.get(userId) ?? [], now, options)]));
      const store = new PatternStore(em);
      const deactivated = await store.save(orgId, mined, now);
      if (listener) {
        const active = await store.findActive(orgId, userIds);
        for (const userId of userIds) {
          const task = await listener({ orgId, userId, em, patterns: active.get(userId) ?? [], now });
          if (task) tasks.push({ userId, task });
        }
      }
      return userIds.map((userId) => ({ orgId, userId, active: mined.get(userId)!.length, deactivated: deactivated.get(userId) ?? 0 }));
    });
    for (const { userId, task } of tasks) {
      // The patterns are committed; a failed announcement must not make the mining look failed (a retry would find nothing new to announce).
      await task().catch((error: unknown) => logger.error({ err: error, orgId, userId }, 'pattern listener task failed'));
    }
    return results;
  }
}
