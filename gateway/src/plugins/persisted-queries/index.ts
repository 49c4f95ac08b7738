import type { PersistedQueryOptions } from '@apollo/server';
import type { Redis } from '@flowgraph/kernel';

/** Default lifetime of a registered query: long enough that a day's clients hit, short enough to forget dead ones. */
export const DEFAULT_APQ_TTL_SECONDS = 24 * 60 * 60;

/** Apollo's `KeyValueCache` interface (`@apollo/utils.keyvaluecache`), as Apollo Server 5 takes it. */
export type ApqCache = PersistedQueryOptions['cache'] & {};

export interface RedisApqCacheOptions {
  /** The gateway's ioredis client. Required. */
  redis: Redis;
  /** Prepended to every key Apollo asks for. Required. */
  keyPrefix: string;
  /** Lifetime used when Apollo passes none. Default: 86 400 s (24 h). */
  defaultTtlSeconds?: number;
  /**
   * Queries longer than this (UTF-16 code units) are not stored: anyone may register, so an
   * entry's size is bounded. Such a client keeps sending the full text. Default: 100 000.
   */
  maxQueryLength?: number;
}

/**
 * Apollo's `KeyValueCache` over Redis. A failing Redis reads as a miss (the client then sends the
 * full query) rather than failing the request; failed writes are logged by Apollo.
 */
export function redisApqCache(options: RedisApqCacheOptions): ApqCache {
  const defaultTtl = options.defaultTtlSeconds ?? DEFAULT_APQ_TTL_SECONDS;
  const maxLength = options.maxQueryLength ?? 100_000;
  const key = (suffix: string) => options.keyPrefix + suffix;
  return {
    async get(suffix) {
      try {
        return (await options.redis.get(key(suffix))) ?? undefined;
      } catch {
        return undefined;
      }
    },
    async set(suffix, query, setOptions) {
      if (query.length > maxLength) return;
      // Apollo's convention: `ttl: null` means no expiry; undefined means our default.
      const ttl = setOptions?.ttl === undefined ? defaultTtl : setOptions.ttl;
      if (ttl === null || ttl <= 0) await options.redis.set(key(suffix), query);
      else await options.redis.set(key(suffix), query, 'EX', Math.ceil(ttl));
    },
    async delete(suffix) {
      return (await options.redis.del(key(suffix))) > 0;
    },
  };
}

export interface PersistedQueriesOptions {
  /** The gateway's ioredis client. Required. */
  redis: Redis;
  /** The deployment's `REDIS_PREFIX`. Required. */
  redisPrefix: string;
  /** Lifetime of a registered query in seconds (`APQ_TTL_SECONDS`). Default: 86 400 (24 h). */
  ttlSeconds?: number;
}

/**
 * Apollo Server's `persistedQueries` option: automatic persisted queries stored in Redis, so a
 * hash registered through one gateway replica runs on all. Keys are `${redisPrefix}:apq:<sha256>`
 * (Apollo itself adds the `apq:`).
 */
export function persistedQueries(options: PersistedQueriesOptions): PersistedQueryOptions {
  const ttl = options.ttlSeconds ?? DEFAULT_APQ_TTL_SECONDS;
  return { cache: redisApqCache({ redis: options.redis, keyPrefix: `${options.redisPrefix}:`, defaultTtlSeconds: ttl }), ttl };
}
