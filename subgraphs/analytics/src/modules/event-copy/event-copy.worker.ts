import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger, Redis } from '@flowgraph/kernel';
import type { AnalyticsConfig } from '../../config';
import { EventCopyConsumer, type EventCopyConsumerOptions } from './event-copy.consumer';

export interface EventCopyWorkerDeps {
  orm: MikroORM;
  /** A plain connection: the consumer acknowledges with it (and duplicates it for its blocking reads). */
  redis: Redis;
  logger: Logger;
  config: Pick<AnalyticsConfig, 'REDIS_PREFIX' | 'PATTERN_REFRESH_DEBOUNCE_MS'>;
  /** Runs after each batch is stored, before it is acknowledged (the patterns' near-real-time refresh). */
  afterStore: EventCopyConsumerOptions['afterStore'];
  /** Consumer tuning (tests shorten these). */
  tuning?: Pick<EventCopyConsumerOptions, 'blockMs' | 'batchSize' | 'claimIdleMs' | 'claimEveryMs' | 'maxDeliveries'>;
}

/** The copy of Core's event stream: the consumer group splits the stream among the replicas. */
export async function startEventCopyWorker(deps: EventCopyWorkerDeps) {
  const consumer = new EventCopyConsumer({
    root: deps.orm.em as EntityManager,
    redis: deps.redis,
    redisPrefix: deps.config.REDIS_PREFIX,
    logger: deps.logger,
    debounceMs: deps.config.PATTERN_REFRESH_DEBOUNCE_MS,
    afterStore: deps.afterStore,
    ...deps.tuning,
  });
  await consumer.start();
  return {
    consumer,
    close: () => consumer.stop(),
  };
}
