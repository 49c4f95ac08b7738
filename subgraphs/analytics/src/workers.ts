import type { Queue, Worker } from 'bullmq';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger, Redis } from '@flowgraph/kernel';
import type { EventCopyConsumer } from './modules/event-copy/event-copy.consumer';
import { startEventCopyWorker, type EventCopyWorkerDeps } from './modules/event-copy/event-copy.worker';
import type { PatternMiner } from './modules/patterns/pattern-miner';
import { startPatternsWorker, type PatternsWorkerDeps } from './modules/patterns/patterns.worker';

export interface WorkerDeps {
  orm: MikroORM;
  /** `createRedis(url, { forWorkers: true })`: BullMQ's blocking commands. */
  connection: Redis;
  /** A plain connection: the event consumer acknowledges with it (and duplicates it for its blocking reads). */
  redis: Redis;
  logger: Logger;
  config: PatternsWorkerDeps['config'] & EventCopyWorkerDeps['config'];
  /** Told of each user's patterns after every mining (the suggestions module). */
  patternListener?: PatternsWorkerDeps['patternListener'];
  /** More scheduled jobs on the analytics queue (e.g. reporting's daily aggregates). */
  jobs?: PatternsWorkerDeps['jobs'];
  /** The clock mining runs at. Default: the system clock. Tests fix it. */
  clock?: () => Date;
  /** Event consumer tuning (tests shorten these); `false` runs no consumer. */
  eventConsumer?: EventCopyWorkerDeps['tuning'] | false;
  /** Jobs run at once by this process. Default: 2. */
  concurrency?: number;
}

export interface RunningWorkers {
  /** The `analytics` queue. */
  queue: Queue;
  worker: Worker;
  /** The event copy; null when started with `eventConsumer: false`. */
  consumer: EventCopyConsumer | null;
  miner: PatternMiner;
  close(): Promise<void>;
}

/**
 * Everything the analytics worker process runs: the event copy with its near-real-time pattern
 * refresh, and the `analytics` queue (pattern mining and the extra scheduled jobs). Every replica
 * runs the same: the consumer group splits the stream among them, and BullMQ hands each job to
 * one of them.
 */
export async function startWorkers(deps: WorkerDeps): Promise<RunningWorkers> {
  const { orm, logger, config } = deps;
  const patterns = await startPatternsWorker({
    orm,
    connection: deps.connection,
    logger,
    config,
    patternListener: deps.patternListener,
    jobs: deps.jobs,
    clock: deps.clock ?? (() => new Date()),
    concurrency: deps.concurrency ?? 2,
  });
  const eventCopy =
    deps.eventConsumer === false
      ? null
      : await startEventCopyWorker({ orm, redis: deps.redis, logger, config, afterStore: patterns.refresh, tuning: deps.eventConsumer });

  return {
    queue: patterns.queue,
    worker: patterns.worker,
    consumer: eventCopy?.consumer ?? null,
    miner: patterns.miner,
    async close() {
      await eventCopy?.close();
      await patterns.close();
    },
  };
}
