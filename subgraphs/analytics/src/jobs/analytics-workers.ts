import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { isUuid, queueTelemetry, type Logger, type Redis } from '@flowgraph/kernel';
import type { AnalyticsConfig } from '../config';
import { EventCopyConsumer, type EventCopyConsumerOptions } from '../modules/event-copy/event-copy.consumer';
import type { PatternListener } from '../modules/patterns/pattern-listener';
import { PatternMiner } from '../modules/patterns/pattern-miner';
import { userMiningOptions } from '../modules/patterns/user-pattern-mining';
import type { AnalyticsJobDefinition } from './analytics-job';
import {
  MINE_PATTERNS_JOB,
  MINE_PATTERNS_NIGHTLY_JOB,
  MINE_PATTERNS_NIGHTLY_SCHEDULE,
  fanOutNightlyMining,
  minePatternsOfOrganization,
  type MinePatternsJobData,
} from './mine-patterns.job';
import { MINE_USER_WHEN_DUE_JOB, mineUserWhenDue, mineUserWhenDueDataSchema, scheduleDueMining } from './mine-user-when-due.job';
import { QUEUES, bullPrefix } from './queues';

export interface AnalyticsWorkerDeps {
  orm: MikroORM;
  /** `createRedis(url, { forWorkers: true })`: BullMQ's blocking commands. */
  connection: Redis;
  /** A plain connection: the event consumer acknowledges with it (and duplicates it for its blocking reads). */
  redis: Redis;
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
    | 'PATTERN_REFRESH_DEBOUNCE_MS'
    | 'ANALYTICS_EVENT_RETENTION_DAYS'
    | 'PATTERN_MINING_CONCURRENCY'
  >;
  /** Told of each user's patterns after every mining (the suggestions module). */
  patternListener?: PatternListener;
  /** More scheduled jobs on the analytics queue (e.g. reporting's daily aggregates). */
  jobs?: AnalyticsJobDefinition[];
  /** The clock mining runs at. Default: the system clock. Tests fix it. */
  clock?: () => Date;
  /** Event consumer tuning (tests shorten these); `false` runs no consumer. */
  eventConsumer?: Pick<EventCopyConsumerOptions, 'blockMs' | 'batchSize' | 'claimIdleMs' | 'claimEveryMs' | 'maxDeliveries'> | false;
  /** Jobs run at once by this process. Default: 2. */
  concurrency?: number;
}

/**
 * Everything the analytics worker process runs: the event copy with its near-real-time pattern
 * refresh, and the `analytics` queue — the nightly mining scheduler (fanning out one job per
 * organization), the delayed mining of events dated in the future, and any extra scheduled jobs. Every replica runs the same: the consumer group
 * splits the stream among them, and BullMQ hands each job to one of them.
 */
export async function startAnalyticsWorkers(deps: AnalyticsWorkerDeps) {
  const { config, connection, logger } = deps;
  const root = deps.orm.em as EntityManager;
  const clock = deps.clock ?? (() => new Date());
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
  const worker = new Worker(
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
    { connection, prefix, concurrency: deps.concurrency ?? 2, telemetry: queueTelemetry() },
  );
  worker.on('failed', (job, error) => logger.error({ job: job?.name, jobId: job?.id, err: error }, 'analytics job failed'));

  const consumer =
    deps.eventConsumer === false
      ? null
      : new EventCopyConsumer({
          root,
          redis: deps.redis,
          redisPrefix: config.REDIS_PREFIX,
          logger,
          debounceMs: config.PATTERN_REFRESH_DEBOUNCE_MS,
          // Near-real-time: the users of each stored batch are re-mined before it is acknowledged,
          // and again when events it dated in the future come due.
          afterStore: async (users, events) => {
            const now = clock();
            await miner.mineUsers(users, now);
            await scheduleDueMining(queue, events, now);
          },
          ...deps.eventConsumer,
        });
  await consumer?.start();

  return {
    queue,
    worker,
    consumer,
    miner,
    async close() {
      await consumer?.stop();
      await worker.close();
      await queue.close();
    },
  };
}
