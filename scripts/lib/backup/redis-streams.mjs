import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/**
 * What of Redis a backup keeps: the entries of Flowgraph's streams that a consumer group has not
 * yet acknowledged. Everything else in Redis (queues, caches, rate limits) is rebuilt by the
 * services from Postgres or starts afresh (docs/operations.md, "Backups").
 *
 * Order makes it agree with the Postgres snapshot. `streamPositions` runs before the snapshot is
 * taken, `redisClock` right after it, and `writeStreamEntries` after the dump keeps the entries
 * between the groups' positions and that clock reading:
 * - an entry a group acknowledged before the positions were read was handled by a transaction
 *   that committed before the snapshot, so the dump holds its effect;
 * - an entry added after the clock reading is left out: its relay marked the outbox row published
 *   after the snapshot, so the dump still lists it unpublished and the restored relay publishes it
 *   again (and an event stored after the snapshot is in neither, as in the dump);
 * - every other entry is in the backup, and delivered after a restore.
 * Consumers are idempotent (delivery is at least once), so an entry handled twice is harmless.
 */

/** `"<ms>-<seq>"` → the id just before it, so a group placed there is next given that entry. */
export function previousId(id) {
  const [ms, seq] = id.split('-').map(BigInt);
  if (seq > 0n) return `${ms}-${seq - 1n}`;
  if (ms === 0n) return '0-0';
  return `${ms - 1n}-18446744073709551615`;
}

function compareIds(a, b) {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  if (am !== bm) return am < bm ? -1 : 1;
  return as === bs ? 0 : as < bs ? -1 : 1;
}

const pairs = (flat) => Object.fromEntries(flat.flatMap((v, i, a) => (i % 2 === 0 ? [[v, a[i + 1]]] : [])));

/**
 * For each stream (`{ name, key }`) that has consumer groups: each group's restore position, the
 * id just before its oldest unacknowledged entry (pending, or not yet delivered). Streams without
 * a group have nobody waiting for their entries and are left out.
 */
export async function streamPositions(redis, streams) {
  const result = [];
  for (const { name, key } of streams) {
    if ((await redis.type(key)) !== 'stream') continue;
    const groups = [];
    for (const info of (await redis.xinfo('GROUPS', key)).map(pairs)) {
      let position = info['last-delivered-id'];
      if (Number(info.pending) > 0) {
        const [, oldestPending] = await redis.xpending(key, info.name);
        position = previousId(oldestPending);
      }
      groups.push({ name: info.name, position });
    }
    if (groups.length > 0) result.push({ name, groups });
  }
  return result;
}

/** The last stream id Redis could have given out by now (its clock, as XADD reads it). */
export async function redisClock(redis) {
  const [seconds, micros] = await redis.time();
  return `${BigInt(seconds) * 1000n + BigInt(micros) / 1000n}-18446744073709551615`;
}

/**
 * Writes each stream's entries after its earliest group position and up to `upTo` (from
 * `redisClock`) to `file`, one JSON line each (`{ stream, id, fields }`, fields as Redis' flat
 * list). Returns the streams with their entry counts, for the manifest.
 */
export async function writeStreamEntries(redis, streams, positions, upTo, file, pageSize = 1000) {
  const out = createWriteStream(file);
  const summary = [];
  for (const { name, groups } of positions) {
    const key = streams.find((s) => s.name === name).key;
    let from = groups.map((g) => g.position).sort(compareIds)[0];
    let entries = 0;
    for (;;) {
      const page = await redis.xrange(key, `(${from}`, upTo, 'COUNT', pageSize);
      for (const [id, fields] of page) {
        if (!out.write(`${JSON.stringify({ stream: name, id, fields })}\n`)) await once(out, 'drain');
      }
      entries += page.length;
      if (page.length < pageSize) break;
      from = page[page.length - 1][0];
    }
    summary.push({ name, groups, entries });
  }
  out.end();
  await once(out, 'finish');
  return summary;
}

/**
 * Puts the streams back under `keyOf(name)`: the entries with their original ids (in order), then
 * each group at its recorded position, so its consumers are given every entry it had not
 * acknowledged. The target keys must not exist (the caller checks, or deletes them when forced).
 */
export async function restoreStreams(redis, file, streams, keyOf, batchSize = 500) {
  let batch = redis.pipeline();
  let inBatch = 0;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const { stream, id, fields } = JSON.parse(line);
    batch.xadd(keyOf(stream), id, ...fields);
    if (++inBatch >= batchSize) {
      await execOrThrow(batch);
      batch = redis.pipeline();
      inBatch = 0;
    }
  }
  if (inBatch > 0) await execOrThrow(batch);
  for (const { name, groups } of streams) {
    for (const group of groups) await redis.xgroup('CREATE', keyOf(name), group.name, group.position, 'MKSTREAM');
  }
}

async function execOrThrow(pipeline) {
  for (const [error] of await pipeline.exec()) if (error) throw error;
}
