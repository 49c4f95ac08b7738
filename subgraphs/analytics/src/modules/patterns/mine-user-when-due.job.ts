import type { JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';
import { PLATFORM_TOOL } from '@flowgraph/contracts';
import type { CopiedEvent } from '../event-copy/copied-event';
import type { PatternMiner, UserMiningResult } from './pattern-miner';

/**
 * Mines one user when an event dated in the future (Core accepts up to 24 h ahead) comes due:
 * the near-real-time refresh mines as of now, which leaves such an event out of the window.
 */
export const MINE_USER_WHEN_DUE_JOB = 'mine-user-when-due';

export const mineUserWhenDueDataSchema = z.object({
  orgId: z.uuid(),
  userId: z.uuid(),
  /** When the user's future events of this job have all happened (epoch ms). */
  dueAt: z.number().int().nonnegative(),
});
export type MineUserWhenDueData = z.infer<typeof mineUserWhenDueDataSchema>;

const SECOND_MS = 1000;

/** Kept a day once done, so a redelivered stream entry does not queue its mining again. */
const OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 86_400 },
  removeOnFail: { age: 7 * 86_400 },
};

/**
 * One delayed job per user per second in which some of the user's minable events of `events`
 * fall after `now`; the job id names user and second, so the same due time queued twice (a
 * redelivered entry, two events in one second) is one job.
 */
export async function scheduleDueMining(queue: Queue, events: readonly CopiedEvent[], now: Date): Promise<number> {
  const due = new Map<string, MineUserWhenDueData>();
  for (const e of events) {
    if (e.userId === null || e.tool === PLATFORM_TOOL || e.occurredAt <= now) continue;
    const dueAt = Math.ceil(e.occurredAt.getTime() / SECOND_MS) * SECOND_MS;
    due.set(`${e.orgId}-${e.userId}-${dueAt}`, { orgId: e.orgId, userId: e.userId, dueAt });
  }
  if (due.size === 0) return 0;
  await queue.addBulk(
    [...due].map(([key, data]) => ({
      name: MINE_USER_WHEN_DUE_JOB,
      data,
      opts: { ...OPTIONS, jobId: `${MINE_USER_WHEN_DUE_JOB}-${key}`, delay: data.dueAt - now.getTime() },
    })),
  );
  return due.size;
}

/** Mines the user as of its due time at the earliest: a worker whose clock runs a little behind still sees the events. */
export function mineUserWhenDue(miner: PatternMiner, data: MineUserWhenDueData, now: Date): Promise<UserMiningResult> {
  return miner.mineUser({ orgId: data.orgId, userId: data.userId }, new Date(Math.max(now.getTime(), data.dueAt)));
}
