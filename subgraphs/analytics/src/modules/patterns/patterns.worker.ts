import { Queue, UnrecoverableError, type Job } from 'bullmq';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { createQueueWorker, isUuid, queueTelemetry, type Logger, type Redis } from '@flowgraph/kernel';
import type { AnalyticsConfig } from '../../config';
import { QUEUES, bullPrefix } from '../../jobs/queues';
import type { CopiedEvent } from '../event-copy/copied-event';
import type { EventUser } from '../event-copy/event-copy.consumer';
import {
  MINE_PATTERNS_JOB,
  MINE_PATTERNS_NIGHTLY_JOB,
  MINE_PATTERNS_NIGHTLY_SCHEDULE,
  fanOutNightlyMining,
  minePatternsOfOrganization,
  type MinePatternsJobData,
} from './mine-patterns.job';
import { MINE_USER_WHEN_DUE_JOB, mineUserWhenDue, mineUserWhenDueDataSchema, scheduleDueMining } from './mine-user-when-due.job';
import type { PatternListener } from './pattern-listener';
import { PatternMiner } from './pattern-miner';
import { userMiningOptions } from './user-pattern-mining';

/** A scheduled job the analytics worker runs on its BullMQ queue (one scheduler per name, upserted at start). */
export interface AnalyticsJobDefinition {
  name: string;
  schedule: { pattern: string; tz?: string };
  run(data: Record<string, unknown>): Promise<unknown>;
}

export interface PatternsWorkerDeps {
  orm: MikroORM;
  /** `createRedis(url, { forWorkers: true })`: BullMQ's blocking commands. */
  connection: Redis;
  logger: Logger;
  config: Pick<
    AnalyticsConfig,
    | 'REDIS_PREFIX'
    | 'SESSION_IDLE_MINUTES'
    | 'PATTERN_MAX_GAP_MINUTES'
    | 'PATTERN_MIN_SUPPORT'
    | 'PATTERN_MIN_SUPPORT_RATIO'
    | 'PATTERN_MAX_LENGTH'
    | 'PATTERN_WINDOW_DAYS'
    | 'ANALYTICS_EVENT_RETENTION_DAYS'
    | 'PATTERN_MINING_CONCURRENCY'
  >;
  /** Told of each user's patterns after every mining (the suggestions module). */
  patternListener?: PatternListener;
  /** More scheduled jobs on the analytics queue (e.g. reporting's daily aggregates). */
  jobs?: AnalyticsJobDefinition[];
  /** The clock mining runs at. */
  clock: () => Date;
  /** Jobs run at once by this process. */
  concurrency: number;
}

/**
 * The `analytics` queue: the nightly mining scheduler (fanning out one job per organization),
 * the delayed mining of events dated in the future, and any extra scheduled jobs. BullMQ hands
 * each job to one replica. `refresh` is the near-real-time mining of a stored batch's users.
 */
export async function startPatternsWorker(deps: PatternsWorkerDeps) {
  const { config, connection, logger, clock } = deps;
  const root = deps.orm.em as EntityManager;
  const options = userMiningOptions(config);
  const miner = new PatternMiner({ root, options, logger, listener: deps.patternListener, concurrency: config.PATTERN_MINING_CONCURRENCY });
  const prefix = bullPrefix(config.REDIS_PREFIX);
  const extra = new Map((deps.jobs ?? []).map((job) => [job.name, job]));
  for (const name of [MINE_PATTERNS_JOB, MINE_PATTERNS_NIGHTLY_JOB, MINE_USER_WHEN_DUE_JOB]) {
    if (extra.has(name)) throw new Error(`job name ${name} is taken by the pattern mining`);
  }

  const queue = new Queue(QUEUES.analytics, { connection, prefix, telemetry: queueTelemetry() });
  // Idempotent: every replica upserts the same schedulers and BullMQ keeps one of each.
  await queue.upsertJobScheduler(MINE_PATTERNS_NIGHTLY_JOB, MINE_PATTERNS_NIGHTLY_SCHEDULE, { name: MINE_PATTERNS_NIGHTLY_JOB });
  for (const job of extra.values()) {
    await queue.upsertJobScheduler(job.name, { pattern: job.schedule.pattern, tz: job.schedule.tz ?? 'UTC' }, { name: job.name });
  }

  const mining = { root, miner, windowDays: config.PATTERN_WINDOW_DAYS, retentionDays: config.ANALYTICS_EVENT_RETENTION_DAYS };
  const worker = createQueueWorker(
    QUEUES.analytics,
    async (job: Job) => {
      if (job.name === MINE_PATTERNS_NIGHTLY_JOB) return fanOutNightlyMining(root, queue, clock());
      if (job.name === MINE_PATTERNS_JOB) {
        const data = job.data as Partial<MinePatternsJobData>;
        if (typeof data.orgId !== 'string' || !isUuid(data.orgId)) throw new UnrecoverableError('mine-patterns needs an orgId');
        const result = await minePatternsOfOrganization(mining, { orgId: data.orgId }, clock());
        logger.info({ job: job.name, ...result }, 'organization mined');
        return result;
      }
      if (job.name === MINE_USER_WHEN_DUE_JOB) {
        const data = mineUserWhenDueDataSchema.safeParse(job.data);
        if (!data.success) throw new UnrecoverableError(`Invalid ${MINE_USER_WHEN_DUE_JOB} job data: ${data.error.message}`);
        return mineUserWhenDue(miner, data.data, clock());
      }
      const definition = extra.get(job.name);
      if (!definition) throw new UnrecoverableError(`unknown job ${job.name}`);
      return definition.run((job.data ?? {}) as Record<string, unknown>);
    },
    { connection, prefix, concurrency: deps.concurrency, telemetry: queueTelemetry() },
  );
  worker.on('failed', (job, error) => logger.error({ job: job?.name, jobId: job?.id, err: error }, 'analytics job failed'));

  return {
    queue,
    worker,
    miner,
    /**
     * Near-real-time: re-mines the users of a stored batch, and queues their mining again for
     * when events it dated in the future come due.
     */
    refresh: async (users: EventUser[], events: CopiedEvent[]): Promise<void> => {
      const now = clock();
      await miner.mineUsers(users, now);
      await scheduleDueMining(queue, events, now);
    },
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
