import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from '@flowgraph/kernel';
import type { ConnectorId, RateLimitPolicy } from '../connectors/connector';

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

  /** Takes one request from the account's budget under `policy`, or says how long until one is free. */
  async take(connector: ConnectorId, policy: RateLimitPolicy, integrationId: string): Promise<RateDecision> {
    try {
      await this.limiterOf(connector, policy).consume(integrationId);
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterMs: Math.max(1, rejection.msBeforeNext) };
      throw rejection;
    }
  }

  /** The provider asked us to wait: nobody calls for this account until `ms` has passed. */
  async holdOff(connector: ConnectorId, policy: RateLimitPolicy, integrationId: string, ms: number): Promise<void> {
    await this.limiterOf(connector, policy).block(integrationId, Math.max(1, Math.ceil(ms / 1000)));
  }

  /** One limiter per connector and policy; every process with the same policy counts in the same keys. */
  private limiterOf(connector: ConnectorId, policy: RateLimitPolicy): RateLimiterRedis {
    const id = `${connector}:${policy.requests}/${policy.perSeconds}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${this.redisPrefix}:connector-rate:${connector}`,
        points: policy.requests,
        duration: policy.perSeconds,
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}
