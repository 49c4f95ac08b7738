/**
 * `npm run backup`: one directory under BACKUP_DIR holding a `pg_dump -Fc` file per subgraph schema
 * (its migration table included), the Redis streams' unacknowledged entries and a manifest (times,
 * source, tool versions, each file's size and sha256); then prunes older backups by the retention
 * policy (BACKUP_KEEP_HOURLY, BACKUP_KEEP_DAILY). The schemas are dumped from one snapshot, so the
 * subgraphs' data agree with each other. docs/operations.md, "Backups".
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { loadContracts, loadKernel } from './lib/kernel.mjs';
import { BACKUP_FORMAT, MANIFEST_FILE, fileEntry } from './lib/backup/manifest.mjs';
import { findPgTool, runPgTool, toolVersion } from './lib/backup/pg-tools.mjs';
import { redisClock, streamPositions, writeStreamEntries } from './lib/backup/redis-streams.mjs';
import { pruneBackups } from './lib/backup/retention.mjs';
import { SCHEMAS, loadBackupConfig } from './lib/backup/settings.mjs';
import { describeUrl, probePostgres } from './lib/postgres-url.mjs';
import { repoRoot } from './lib/paths.mjs';
import { pingRedis } from './lib/redis.mjs';
import { UserError, reportFatal } from './lib/user-error.mjs';

export const STREAMS_FILE = 'redis-streams.jsonl';

/** The streams whose unconsumed entries matter, named as in the manifest (the key without the prefix). */
export function flowgraphStreams(prefix) {
  const { eventStreamKey } = loadContracts();
  const { auditStreamKey } = loadKernel();
  return [
    { name: 'events', key: eventStreamKey(prefix) },
    { name: 'audit', key: auditStreamKey(prefix) },
  ];
}

export async function checkSources(config) {
  const probe = await probePostgres(config.DATABASE_URL);
  if (!probe.ok)
    throw new UserError(`Cannot reach Postgres at ${describeUrl(config.DATABASE_URL)} (${probe.message}): start it or set DATABASE_URL`);
  const ping = await pingRedis(config.REDIS_URL, 3000);
  if (!ping.ok) throw new UserError(`Cannot reach Redis at ${new URL(config.REDIS_URL).host} (${ping.message}): start it or set REDIS_URL`);
}

/** A directory name from a time, sortable and without colons: 2026-05-01T10-00-00.123Z. */
const stamp = (time) => time.toISOString().replace(/:/g, '-');

async function dumpSchemas({ config, dir, pgDump, log }) {
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const snapshotClient = new pg.Client({ connectionString: config.DATABASE_URL });
  await snapshotClient.connect();
  try {
    const streams = flowgraphStreams(config.REDIS_PREFIX);
    // Positions before the snapshot, the clock right after it: lib/backup/redis-streams.mjs says why.
    const positions = await streamPositions(redis, streams);
    await snapshotClient.query('begin isolation level repeatable read read only');
    const {
      rows: [snapshot],
    } = await snapshotClient.query(
      `select pg_export_snapshot() as id, now() as at, current_setting('server_version') as version,
              array(select nspname::text from pg_namespace where nspname = any($1)) as present`,
      [SCHEMAS],
    );
    const streamsUpTo = await redisClock(redis);
    const missing = SCHEMAS.filter((s) => !snapshot.present.includes(s));
    if (missing.length > 0)
      throw new UserError(`${describeUrl(config.DATABASE_URL)} has no schema ${missing.join(', ')}: is it a migrated Flowgraph database?`);
    const files = [];
    const schemas = {};
    for (const schema of SCHEMAS) {
      const name = `${schema}.dump`;
      await runPgTool(
        pgDump,
        ['--format=custom', `--schema=${schema}`, `--snapshot=${snapshot.id}`, `--file=${path.join(dir, name)}`],
        config.DATABASE_URL,
      );
      const { rows } = await snapshotClient.query(`select name from ${schema}.mikro_orm_migrations order by id`);
      schemas[schema] = { migrations: rows.map((r) => r.name) };
      files.push(await fileEntry(dir, name, { kind: 'postgres-schema', schema }));
      log(`backup: ${schema}: ${files.at(-1).bytes} bytes`);
    }
    await snapshotClient.query('commit');
    const streamSummary = await writeStreamEntries(redis, streams, positions, streamsUpTo, path.join(dir, STREAMS_FILE));
    files.push(await fileEntry(dir, STREAMS_FILE, { kind: 'redis-streams' }));
    log(
      `backup: redis streams: ${streamSummary.map((s) => `${s.name} ${s.entries} unconsumed`).join(', ') || 'none with consumer groups'}`,
    );
    const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? 'unknown';
    return { snapshot, files, schemas, streams: streamSummary, redisVersion };
  } finally {
    await snapshotClient.end().catch(() => {});
    redis.disconnect();
  }
}

/**
 * Takes one backup into a new directory under `config.BACKUP_DIR`, then prunes. Returns
 * `{ dir, manifest, pruned }`.
 */
export async function backup({ env = process.env, log = console.log, prune = true } = {}) {
  const config = loadBackupConfig(env);
  const pgDump = findPgTool('pg_dump', env);
  await checkSources(config);
  const startedAt = new Date();
  await mkdir(config.BACKUP_DIR, { recursive: true });
  const partial = path.join(config.BACKUP_DIR, `${stamp(startedAt)}.partial`);
  await mkdir(partial);
  try {
    const taken = await dumpSchemas({ config, dir: partial, pgDump, log });
    const finishedAt = new Date();
    const manifest = {
      format: BACKUP_FORMAT,
      startedAt: startedAt.toISOString(),
      snapshotAt: taken.snapshot.at.toISOString(),
      finishedAt: finishedAt.toISOString(),
      source: {
        postgres: describeUrl(config.DATABASE_URL),
        postgresVersion: taken.snapshot.version,
        redis: new URL(config.REDIS_URL).host,
        redisVersion: taken.redisVersion,
        redisPrefix: config.REDIS_PREFIX,
        appRole: config.DATABASE_APP_ROLE,
      },
      tools: {
        pg_dump: await toolVersion(pgDump),
        node: process.version,
        flowgraph: JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')).version,
      },
      schemas: taken.schemas,
      redis: { streams: taken.streams },
      files: taken.files,
    };
    await writeFile(path.join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    const dir = path.join(config.BACKUP_DIR, stamp(taken.snapshot.at));
    await rename(partial, dir);
    log(`backup: written ${dir} in ${((finishedAt - startedAt) / 1000).toFixed(1)} s`);
    let pruned = [];
    if (prune) {
      const policy = { hourly: config.BACKUP_KEEP_HOURLY, daily: config.BACKUP_KEEP_DAILY };
      ({ prune: pruned } = await pruneBackups(config.BACKUP_DIR, policy));
      for (const name of pruned) log(`backup: pruned ${name} (keeping ${policy.hourly} hourly, ${policy.daily} daily)`);
    }
    return { dir, manifest, pruned };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  backup().then(
    () => process.exit(0),
    (error) => {
      reportFatal(error);
      process.exit(1);
    },
  );
}
