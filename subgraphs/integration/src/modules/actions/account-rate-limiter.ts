import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from '@flowgraph/kernel';
import type { Connector } from '../connectors/connector';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Requests per connected account, counted in Redis so every process shares one budget (BullMQ's
 * open-source edition has no per-group limits). A provider's own "slow down" (Retry-After, reset
 * headers) blocks the account's key for that long, so no worker calls again before it.
 */
export class AccountRateLimiter {
  private readonly limiters = new Map<string, RateLimiterRedis>();

  constructor(
    private readonly redis: Redis,
    private readonly redisPrefix: string,
  ) {}

  /** Takes one request from the account's budget, or says how long until one is free. */
  async take(connector: Connector, integrationId: string): Promise<RateDecision> {
    try {
      await this.limiterOf(connector).consume(integrationId);
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterMs: Math.max(1, rejection.msBeforeNext) };
      throw rejection;
    }
  }

  /** The provider asked us to wait: nobody calls for this account until `ms` has passed. */
  async holdOff(connector: Connector, integrationId: string, ms: number): Promise<void> {
    await this.limiterOf(connector).block(integrationId, Math.max(1, Math.ceil(ms / 1000)));
  }

  private limiterOf(connector: Connector): RateLimiterRedis {
    let limiter = this.limiters.get(connector.id);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${this.redisPrefix}:connector-rate:${connector.id}`,
        points: connector.rateLimit.requests,
        duration: connector.rateLimit.perSeconds,
      });
      this.limiters.set(connector.id, limiter);
    }
    return limiter;
  }
}
