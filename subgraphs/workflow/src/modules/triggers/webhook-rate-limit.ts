import type { Redis } from '@flowgraph/kernel';

/**
 * A fixed one-minute window per trigger in Redis (INCR + EXPIRE), shared by every replica.
 * Only signed deliveries count, so nobody without the secret can use up a trigger's allowance.
 */
export class WebhookRateLimit {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Deliveries per trigger per minute. */
    private readonly perMinute: number,
  ) {}

  /** Seconds to wait when over the limit, else 0. */
  async consume(triggerId: string, now = Date.now()): Promise<number> {
    const window = Math.floor(now / 60_000);
    const key = `${this.prefix}:webhook-rate:${triggerId}:${window}`;
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, 120).exec()) as [[Error | null, number]];
    return count > this.perMinute ? Math.ceil(((window + 1) * 60_000 - now) / 1000) : 0;
  }
}
