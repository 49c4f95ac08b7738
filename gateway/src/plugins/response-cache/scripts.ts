/**
 * Lua scripts of the Redis response-cache store, run atomically so a replica never sees half an
 * invalidation. Times come from Redis (TIME), so replicas with skewed clocks agree.
 */

/**
 * lookup — Redis time, then the first of the candidate entries that is present, with its
 * remaining lifetime: one command instead of a pipeline of five (half the client's CPU per lookup).
 * KEYS[1..n] entry keys, the private one first
 * Returns {seconds, microseconds} (Redis TIME) on a miss, {seconds, microseconds, value, pttl ms} on a hit.
 */
export const LOOKUP_SCRIPT = `
local time = redis.call('TIME')
for _, key in ipairs(KEYS) do
  local value = redis.call('GET', key)
  if value then
    local pttl = redis.call('PTTL', key)
    if pttl > 0 then return {time[1], time[2], value, pttl} end
  end
end
return {time[1], time[2]}
`;

/**
 * store — saves one response and indexes it under its tags, unless one of its tags was
 * invalidated at or after `readAt` (a mutation that landed while this response's data was read:
 * storing it would bring the old data back).
 * KEYS[1]          entry key
 * KEYS[2..n+1]     tag keys (sorted sets: member = entry key, score = the entry's expiry in ms)
 * KEYS[n+2..2n+1]  invalidation markers of the same tags (value = Redis time of the last invalidation, ms)
 * ARGV[1] entry value (JSON)   ARGV[2] entry TTL, s   ARGV[3] n   ARGV[4] readAt, Redis ms
 * ARGV[5] tag-set TTL, s (the longest entry TTL: a tag set outlives its entries)
 * Returns 1 when stored, 0 when refused as stale.
 */
export const STORE_SCRIPT = `
local n = tonumber(ARGV[3])
local readAt = tonumber(ARGV[4])
for i = n + 2, 2 * n + 1 do
  local invalidatedAt = redis.call('GET', KEYS[i])
  if invalidatedAt and tonumber(invalidatedAt) >= readAt then return 0 end
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
local expiresAt = now + tonumber(ARGV[2]) * 1000
for i = 2, n + 1 do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
  redis.call('ZADD', KEYS[i], expiresAt, KEYS[1])
  redis.call('EXPIRE', KEYS[i], ARGV[5])
end
return 1
`;

/**
 * invalidate — deletes every entry indexed under the tags, the tag sets, and records when (for
 * the store script's stale check).
 * KEYS[1..n] tag keys   KEYS[n+1..2n] their invalidation markers
 * ARGV[1] n   ARGV[2] marker TTL, s (longer than any request takes)
 * Returns the number of entries deleted.
 */
export const INVALIDATE_SCRIPT = `
local n = tonumber(ARGV[1])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local deleted = 0
for i = 1, n do
  local entries = redis.call('ZRANGE', KEYS[i], 0, -1)
  for j = 1, #entries, 500 do
    deleted = deleted + redis.call('DEL', unpack(entries, j, math.min(j + 499, #entries)))
  end
  redis.call('DEL', KEYS[i])
  redis.call('SET', KEYS[n + i], now, 'EX', ARGV[2])
end
return deleted
`;
