import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimited, type Redis } from '@flowgraph/kernel';

export interface LoginThrottleOptions {
  redis: Redis;
  /** REDIS_PREFIX: every key lives under it. */
  prefix: string;
  /** Attempts per account (email) per window. Default in config: 5. */
  perAccount: number;
  /** Attempts per IP per window. Default in config: 20. */
  perIp: number;
  /** Window in seconds. Default in config: 900 (15 minutes). */
  windowSeconds: number;
}

/**
 * Brute-force throttle for logIn. Every attempt takes a point before the password is checked
 * (so concurrent guesses cannot slip past a check-then-count race); a successful login gives
 * them back: the account's counter is reset and the IP's point returned. Over the limit, even
 * the right password gets RATE_LIMITED until the window ends.
 */
export class LoginThrottle {
  private readonly account: RateLimiterRedis;
  private readonly ip: RateLimiterRedis;

  constructor(options: LoginThrottleOptions) {
    const common = { storeClient: options.redis, duration: options.windowSeconds, rejectIfRedisNotReady: true };
    this.account = new RateLimiterRedis({ ...common, keyPrefix: `${options.prefix}:login-account`, points: options.perAccount });
    this.ip = new RateLimiterRedis({ ...common, keyPrefix: `${options.prefix}:login-ip`, points: options.perIp });
  }

  /** Counts an attempt; throws RATE_LIMITED (with retryAfter seconds) when over either limit. */
  async attempt(email: string, ip: string | undefined): Promise<void> {
    // Without an IP (never the case behind the gateway) only the account limit applies, rather
    // than lumping every such caller into one shared bucket.
    if (ip) await take(this.ip, ip);
    await take(this.account, accountKey(email));
  }

  async succeeded(email: string, ip: string | undefined): Promise<void> {
    await this.account.delete(accountKey(email));
    if (ip) await this.ip.reward(ip, 1);
  }
}

const accountKey = (email: string) => email.trim().toLowerCase();

async function take(limiter: RateLimiterRedis, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw rateLimited(Math.max(1, Math.ceil(error.msBeforeNext / 1000)), 'Too many login attempts');
    throw error;
  }
}
