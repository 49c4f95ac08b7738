import { Redis } from 'ioredis';

export { Redis };

/**
 * A Redis client. `forWorkers` sets `maxRetriesPerRequest: null`, which BullMQ requires of
 * blocking connections; request-path clients keep the default so a Redis outage fails fast.
 */
export function createRedis(url: string, options: { forWorkers?: boolean } = {}): Redis {
  return new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: true,
    ...(options.forWorkers ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 2 }),
  });
}
