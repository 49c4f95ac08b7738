import type { EntityManager } from '@mikro-orm/postgresql';
import type { JobsOptions, Queue } from 'bullmq';
import { inScopedTransaction } from '@flowgraph/kernel';
import { AnalyticsEventRepository } from '../event-copy/analytics-event.repository';
import { purgeEventsBefore } from '../event-copy/event-copy.service';
import type { PatternMiner } from './pattern-miner';
import { PatternStore } from './pattern-store.repository';
import { miningWindow } from './user-pattern-mining';

/** The nightly scheduler's job: fans out one {@link MINE_PATTERNS_JOB} per organization. */
export const MINE_PATTERNS_NIGHTLY_JOB = 'mine-patterns-nightly';
export const MINE_PATTERNS_NIGHTLY_SCHEDULE = { pattern: '0 2 * * *', tz: 'UTC' } as const;

/** The full batch of one organization: every user re-mined, then its expired events deleted. */
export const MINE_PATTERNS_JOB = 'mine-patterns';

export interface MinePatternsJobData {
  orgId: string;
}

export interface MinePatternsResult {
  orgId: string;
  users: number;
  activePatterns: number;
  deactivatedPatterns: number;
  eventsDeleted: number;
}

const DAY_MS = 86_400_000;

/** Per-organization jobs retry on a transient failure; finished ones are kept a day (their ids dedupe a night's fan-out). */
const PER_ORGANIZATION_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { age: DAY_MS / 1000 },
  removeOnFail: { age: (7 * DAY_MS) / 1000 },
};

/** Queues one mining job per organization Analytics has events of; a second fan-out the same UTC day adds none. */
export async function fanOutNightlyMining(root: EntityManager, queue: Queue, now: Date): Promise<{ organizations: number }> {
  // organization_ids() is the one narrow cross-organization read (SECURITY DEFINER); no scope needed.
  const rows = await root.fork().execute<{ org_id: string }[]>('select org_id from analytics.organization_ids() as org_id');
  const day = now.toISOString().slice(0, 10);
  await queue.addBulk(
    rows.map(({ org_id: orgId }) => ({
      name: MINE_PATTERNS_JOB,
      data: { orgId } satisfies MinePatternsJobData,
      opts: { ...PER_ORGANIZATION_OPTIONS, jobId: `${MINE_PATTERNS_JOB}-${orgId}-${day}` },
    })),
  );
  return { organizations: rows.length };
}

export interface MinePatternsDeps {
  root: EntityManager;
  miner: PatternMiner;
  windowDays: number;
  /** ANALYTICS_EVENT_RETENTION_DAYS */
  retentionDays: number;
}

/**
 * The nightly batch of one organization at `now`: re-mines every user with events in the window
 * or with active patterns (whose patterns may have to become inactive as events age out), with
 * the same function as the near-real-time refresh; then deletes events past retention.
 */
export async function minePatternsOfOrganization(
  deps: MinePatternsDeps,
  { orgId }: MinePatternsJobData,
  now: Date,
): Promise<MinePatternsResult> {
  const { from, to } = miningWindow(now, deps.windowDays);
  const users = await inScopedTransaction(deps.root, { orgId }, async (em) => {
    const withEvents = await new AnalyticsEventRepository(em).findUsersWithEvents(orgId, from, to);
    const withPatterns = await new PatternStore(em).findUsersWithActivePatterns(orgId);
    return [...new Set([...withEvents, ...withPatterns])].sort();
  });
  const results = await deps.miner.mineUsers(
    users.map((userId) => ({ orgId, userId })),
    now,
  );
  const eventsDeleted = await purgeEventsBefore(deps.root, orgId, new Date(now.getTime() - deps.retentionDays * DAY_MS));
  return {
    orgId,
    users: users.length,
    activePatterns: results.reduce((sum, r) => sum + r.active, 0),
    deactivatedPatterns: results.reduce((sum, r) => sum + r.deactivated, 0),
    eventsDeleted,
  };
}
