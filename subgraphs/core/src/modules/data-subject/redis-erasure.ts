import type { Redis } from '@flowgraph/kernel';

export interface RedisErasureOptions {
  redis: Redis;
  /** Every key under `<prefix>:` is looked at: queues, streams, caches, markers. */
  prefix: string;
  /**
   * The audit stream, whose entries carry the record: re-added pseudonymised rather than dropped
   * when `pseudonymiseAudit` (a person's erasure), left alone otherwise (an organization's audit
   * trail outlives it).
   */
  auditStream: string;
  pseudonymiseAudit: boolean;
}

/** What was removed, by kind, for the job's log. */
export interface RedisErasure {
  keysDeleted: number;
  entriesRemoved: number;
  auditEntriesPseudonymised: number;
}

const SCAN_COUNT = 500;

/**
 * Removes a person (or an organization) from Redis by what the values say, not by a list of key
 * names, so a queue or cache added later is covered: a key whose name or string value mentions
 * one of `needles` is deleted; a hash that does is deleted with its BullMQ job's membership in its
 * queue's lists, sets and sorted sets; list, set and sorted-set members and stream entries that do
 * are removed one by one. Audit-stream entries are re-added with `pseudonym` in place of the
 * needles (the Core worker stores them once, by entry id). Idempotent.
 */
export async function eraseFromRedis(options: RedisErasureOptions, needles: readonly string[], pseudonym: string): Promise<RedisErasure> {
  const { redis } = options;
  const result: RedisErasure = { keysDeleted: 0, entriesRemoved: 0, auditEntriesPseudonymised: 0 };
  const mentions = (text: string) => needles.some((needle) => text.includes(needle));
  const replaceAll = (text: string) => needles.reduce((out, needle) => out.split(needle).join(pseudonym), text);
  const deletedJobs: { queue: string; jobId: string }[] = [];
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${options.prefix}:*`, 'COUNT', SCAN_COUNT);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  for (const key of keys) {
    const type = await redis.type(key);
    if (mentions(key)) {
      result.keysDeleted += await redis.del(key);
      continue;
    }
    if (type === 'string') {
      if (mentions((await redis.get(key)) ?? '')) result.keysDeleted += await redis.del(key);
    } else if (type === 'hash') {
      const fields = await redis.hgetall(key);
      if (!Object.entries(fields).some(([field, value]) => mentions(field) || mentions(value))) continue;
      result.keysDeleted += await redis.del(key);
      const cut = key.lastIndexOf(':');
      deletedJobs.push({ queue: key.slice(0, cut), jobId: key.slice(cut + 1) });
    } else if (type === 'list') {
      for (const value of new Set((await redis.lrange(key, 0, -1)).filter(mentions)))
        result.entriesRemoved += await redis.lrem(key, 0, value);
    } else if (type === 'set') {
      const members = (await redis.smembers(key)).filter(mentions);
      if (members.length > 0) result.entriesRemoved += await redis.srem(key, ...members);
    } else if (type === 'zset') {
      const members = (await redis.zrange(key, '0', '-1')).filter(mentions);
      if (members.length > 0) result.entriesRemoved += await redis.zrem(key, ...members);
    } else if (type === 'stream') {
      await eraseFromStream(options, key, mentions, replaceAll, result);
    }
  }
  for (const job of deletedJobs) await forgetJob(redis, job, keys, (n) => (result.entriesRemoved += n));
  return result;
}

async function eraseFromStream(
  options: RedisErasureOptions,
  key: string,
  mentions: (text: string) => boolean,
  replaceAll: (text: string) => string,
  result: RedisErasure,
): Promise<void> {
  const { redis } = options;
  const entries = (await redis.xrange(key, '-', '+')) as [string, string[]][];
  const audit = key === options.auditStream;
  if (audit && !options.pseudonymiseAudit) return;
  for (const [id, fields] of entries) {
    if (!fields.some(mentions)) continue;
    if (audit) {
      await redis.xadd(key, '*', ...fields.map(replaceAll));
      result.auditEntriesPseudonymised += 1;
    }
    result.entriesRemoved += await redis.xdel(key, id);
  }
}

/** A deleted job hash's id leaves its queue's lists, sets and sorted sets, and its logs and locks go. */
async function forgetJob(
  redis: Redis,
  job: { queue: string; jobId: string },
  keys: readonly string[],
  count: (n: number) => void,
): Promise<void> {
  for (const key of keys) {
    if (key.startsWith(`${job.queue}:${job.jobId}:`)) {
      count(await redis.del(key));
      continue;
    }
    if (!key.startsWith(`${job.queue}:`) || key.slice(job.queue.length + 1).includes(':')) continue;
    const type = await redis.type(key);
    if (type === 'list') count(await redis.lrem(key, 0, job.jobId));
    else if (type === 'set') count(await redis.srem(key, job.jobId));
    else if (type === 'zset') count(await redis.zrem(key, job.jobId));
  }
}
