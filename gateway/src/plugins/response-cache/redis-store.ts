import { createHash } from 'node:crypto';
import type { Redis } from '@flowgraph/kernel';
import { INVALIDATE_SCRIPT, LOOKUP_SCRIPT, STORE_SCRIPT } from './scripts';

/** A stored response: its data and the scope it was stored under. */
export interface CachedResponse {
  data: Record<string, unknown>;
  scope: 'PUBLIC' | 'PRIVATE';
}

export interface LookupResult {
  /** The private entry if there is one, else the public one. */
  hit?: CachedResponse & { remainingSeconds: number; ageSeconds: number };
  /** Redis time of the lookup (ms): data read after this is newer than any invalidation before it. */
  readAt: number;
}

interface StoredValue {
  d: Record<string, unknown>;
  s: 'PUBLIC' | 'PRIVATE';
  /** TTL it was stored with, for the Age header. */
  t: number;
}

const sha1 = (script: string) => createHash('sha1').update(script).digest('hex');
const LOOKUP_SHA = sha1(LOOKUP_SCRIPT);
const STORE_SHA = sha1(STORE_SCRIPT);
const INVALIDATE_SHA = sha1(INVALIDATE_SCRIPT);

/** EVALSHA, loading the script on first use (or after a Redis restart flushed its script cache). */
async function runScript(redis: Redis, script: string, sha: string, keys: string[], args: (string | number)[]): Promise<unknown> {
  try {
    return await redis.evalsha(sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return redis.eval(script, keys.length, ...keys, ...args);
  }
}

/** How long an invalidation is remembered for the stale-write check: longer than any request runs. */
const INVALIDATION_MEMORY_SECONDS = 300;

/**
 * The response cache in Redis, shared by every gateway replica: entries under
 * `{prefix}:rc:e:<key>`, tag sets under `{prefix}:rc:t:<tag>`, invalidation markers under
 * `{prefix}:rc:i:<tag>`.
 */
export class RedisResponseStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Longest entry TTL; tag sets live this long after their last addition. */
    private readonly maxTtlSeconds: number,
  ) {}

  private entryKey = (key: string) => `${this.prefix}:rc:e:${key}`;
  private tagKey = (tag: string) => `${this.prefix}:rc:t:${tag}`;
  private markerKey = (tag: string) => `${this.prefix}:rc:i:${tag}`;

  /** One command: Redis time, and the private entry if present, else the public one, with its remaining TTL. */
  async lookup(keys: { public: string; private?: string }): Promise<LookupResult> {
    const candidates = [keys.private, keys.public].filter((k): k is string => Boolean(k)).map(this.entryKey);
    const [seconds, micros, raw, pttl] = (await runScript(this.redis, LOOKUP_SCRIPT, LOOKUP_SHA, candidates, [])) as [
      string,
      string,
      string?,
      number?,
    ];
    const readAt = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    if (raw === undefined || pttl === undefined) return { readAt };
    const value = JSON.parse(raw) as StoredValue;
    const remainingSeconds = Math.ceil(pttl / 1000);
    return { readAt, hit: { data: value.d, scope: value.s, remainingSeconds, ageSeconds: Math.max(0, value.t - remainingSeconds) } };
  }

  /** Stores `response` for `ttlSeconds` under `tags`; false when a tag was invalidated since `readAt`. */
  async save(key: string, response: CachedResponse, ttlSeconds: number, tags: string[], readAt: number): Promise<boolean> {
    const value: StoredValue = { d: response.data, s: response.scope, t: ttlSeconds };
    const keys = [this.entryKey(key), ...tags.map(this.tagKey), ...tags.map(this.markerKey)];
    const stored = await runScript(this.redis, STORE_SCRIPT, STORE_SHA, keys, [
      JSON.stringify(value),
      ttlSeconds,
      tags.length,
      readAt,
      this.maxTtlSeconds,
    ]);
    return stored === 1;
  }

  /** Deletes every entry tagged with any of `tags` (type names or `Type:id`); returns how many. */
  async invalidate(tags: string[]): Promise<number> {
    if (tags.length === 0) return 0;
    const keys = [...tags.map(this.tagKey), ...tags.map(this.markerKey)];
    return (await runScript(this.redis, INVALIDATE_SCRIPT, INVALIDATE_SHA, keys, [tags.length, INVALIDATION_MEMORY_SECONDS])) as number;
  }
}
