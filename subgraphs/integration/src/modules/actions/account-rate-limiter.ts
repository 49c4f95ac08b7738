import type { Redis } from '@flowgraph/kernel';
import type { ConnectorId, RateLimitPolicy } from '../connectors/connector';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * A sliding log: the calls of the last `window` ms as a sorted set scored by Redis's own clock
 * (one clock for every process). A call is let through only while fewer than `limit` are in the
 * window, and never while the account is held off. Answers [allowed, waitMs].
 */
const TAKE = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local heldMs = redis.call('PTTL', KEYS[2])
if heldMs > 0 then return {0, heldMs} end
local windowMs = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowMs - windowMs)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], nowMs, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], windowMs)
  return {1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, math.max(1, tonumber(oldest[2]) + windowMs - nowMs)}
`;

/**
 * Calls per connected account, counted in Redis so every process shares one budget (BullMQ's
 * open-source edition has no per-group limits). A sliding window, not fixed ones: with fixed
 * windows twice the limit can pass around a window's edge, and the promise is "never more than
 * `requests` in any `perSeconds`" (docs/decisions/0025-connector-resilience.md). A provider's own
 * "slow down" (Retry-After, reset headers) holds the account off for that long.
 */
export class AccountRateLimiter {
  private sequence = 0;

  constructor(
    private readonly redis: Redis,
    private readonly redisPrefix: string,
  ) {}

  /** Takes one call from the account's budget under `policy`, or says how long until one is free. */
  async take(connector: ConnectorId, policy: RateLimitPolicy, integrationId: string): Promise<RateDecision> {
    const [allowed, waitMs] = (await this.redis.eval(
      TAKE,
      2,
      this.key(connector, integrationId, 'calls'),
      this.key(connector, integrationId, 'held'),
      policy.requests,
      policy.perSeconds * 1000,
      // Unique per call: two calls in the same millisecond are two entries.
      `${process.pid}:${(this.sequence += 1)}:${Math.random()}`,
    )) as [number, number];
    return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterMs: waitMs };
  }

  /** The provider asked us to wait: nobody calls for this account until `ms` has passed. */
  async holdOff(connector: ConnectorId, integrationId: string, ms: number): Promise<void> {
    const key = this.key(connector, integrationId, 'held');
    const wait = Math.max(1, Math.ceil(ms));
    // Never shortens a longer hold already in place.
    const current = await this.redis.pttl(key);
    if (current < wait) await this.redis.set(key, '1', 'PX', wait);
  }

  private key(connector: ConnectorId, integrationId: string, part: 'calls' | 'held'): string {
    return `${this.redisPrefix}:connector-rate:${connector}:${integrationId}:${part}`;
  }
}
