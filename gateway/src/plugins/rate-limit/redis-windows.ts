import { randomUUID } from 'node:crypto';
import type { Redis } from '@flowgraph/kernel';

/**
 * Fixed-window counters, several at once, in one round trip.
 * KEYS: one counter per limit.  ARGV[1]: window length in ms.
 * Returns: for each key, its count after this hit and its remaining lifetime in ms.
 * Rejected hits are counted too: the window resets at its end regardless, and not counting them
 * would need a second round trip.
 */
const FIXED_WINDOWS = `
local out = {}
for _, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[1])
    ttl = tonumber(ARGV[1])
  end
  out[#out + 1] = count
  out[#out + 1] = ttl
end
return out
`;

/**
 * A sliding-window log with @envelop/rate-limiter's semantics, made atomic (its own Redis store
 * reads, then writes: two replicas can both admit the last call).
 * KEYS[1]: sorted set of calls; member "<id>:<count>", score = time in ms.
 * ARGV: now, windowMs, max, callCount, readOnly (0/1), uncountRejected (0/1), member id.
 * Returns: {limited (0/1), calls in the window after this one, ms until enough calls expire}.
 */
const SLIDING_LOG = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local max = tonumber(ARGV[3])
local calls = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local entries = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
local total = 0
for i = 1, #entries, 2 do
  total = total + tonumber(string.match(entries[i], ':(%d+)$'))
end
local limited = total + calls > max
if ARGV[5] == '0' and (ARGV[6] == '0' or not limited) then
  redis.call('ZADD', key, now, ARGV[7] .. ':' .. calls)
  redis.call('PEXPIRE', key, window)
  total = total + calls
end
local wait = 0
if limited then
  -- the same call is admitted once enough of the older calls have left the window
  local excess = total + calls - max
  local freed = 0
  wait = window
  for i = 1, #entries, 2 do
    freed = freed + tonumber(string.match(entries[i], ':(%d+)$'))
    if freed >= excess then
      wait = math.max(1, tonumber(entries[i + 1]) + window - now)
      break
    end
  end
end
return {limited and 1 or 0, total, wait}
`;

export interface WindowCount {
  count: number;
  /** Milliseconds until the window ends. */
  resetMs: number;
}

export interface LogOutcome {
  limited: boolean;
  calls: number;
  /** Milliseconds until the call would be admitted; 0 when admitted. */
  waitMs: number;
}

type ScriptedRedis = Redis & {
  rlFixedWindows(numKeys: number, ...args: (string | number)[]): Promise<number[]>;
  rlSlidingLog(key: string, ...args: (string | number)[]): Promise<number[]>;
};

/** Registers the scripts on the client (ioredis sends EVALSHA, falling back to EVAL once). */
export function windowStore(redis: Redis) {
  const client = redis as ScriptedRedis;
  if (typeof client.rlFixedWindows !== 'function') {
    redis.defineCommand('rlFixedWindows', { lua: FIXED_WINDOWS });
    redis.defineCommand('rlSlidingLog', { numberOfKeys: 1, lua: SLIDING_LOG });
  }
  return {
    async hitFixed(keys: string[], windowMs: number): Promise<WindowCount[]> {
      const flat = await client.rlFixedWindows(keys.length, ...keys, windowMs);
      return keys.map((_, i) => ({ count: Number(flat[2 * i]), resetMs: Number(flat[2 * i + 1]) }));
    },
    async hitLog(
      key: string,
      config: { now: number; windowMs: number; max: number; calls: number; readOnly: boolean; uncountRejected: boolean },
    ): Promise<LogOutcome> {
      const [limited, calls, wait] = await client.rlSlidingLog(
        key,
        config.now,
        config.windowMs,
        config.max,
        config.calls,
        config.readOnly ? 1 : 0,
        config.uncountRejected ? 1 : 0,
        randomUUID(),
      );
      return { limited: Number(limited) === 1, calls: Number(calls), waitMs: Number(wait) };
    },
  };
}

export type WindowStore = ReturnType<typeof windowStore>;
