/**
 * `npm run restore -- <backup directory | latest> [--force]`: checks every file of the backup
 * against its manifest, then restores it into DATABASE_URL's database (created when missing) and
 * the Redis at REDIS_URL under REDIS_PREFIX (which may differ from the source's): the app role
 * first (DATABASE_APP_ROLE with DATABASE_APP_PASSWORD, as `npm run migrate` makes it), each
 * schema, then the streams with their consumer groups. A target that already holds a Flowgraph
 * schema or stream is refused unless `--force`, which replaces them. Start the services (or
 * `npm run migrate`, for a newer release) afterwards. docs/operations.md, "Backups".
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { checkSources, flowgraphStreams, STREAMS_FILE } from './backup.mjs';
import { loadKernel } from './lib/kernel.mjs';
import { readManifest, verifyFiles } from './lib/backup/manifest.mjs';
import { findPgTool, runPgTool } from './lib/backup/pg-tools.mjs';
import { restoreStreams } from './lib/backup/redis-streams.mjs';
import { listBackups } from './lib/backup/retention.mjs';
import { SCHEMAS, loadBackupConfig } from './lib/backup/settings.mjs';
import { databaseName, describeUrl, ensureDatabase } from './lib/postgres-url.mjs';
import { UserError, reportFatal } from './lib/user-error.mjs';

const USAGE = 'usage: npm run restore -- <backup directory | latest> [--force]';

async function backupDir(config, which) {
  if (which !== 'latest') return path.resolve(which);
  const [newest] = await listBackups(config.BACKUP_DIR);
  if (!newest) throw new UserError(`No backup in ${config.BACKUP_DIR} (BACKUP_DIR)`);
  return newest.dir;
}

/** The Flowgraph schemas and stream keys the target already has. */
async function occupied(db, redis, streams) {
  const { rows } = await db.query('select nspname from pg_namespace where nspname = any($1) order by nspname', [SCHEMAS]);
  const keys = [];
  for (const { key } of streams) if (await redis.exists(key)) keys.push(key);
  return { schemas: rows.map((r) => r.nspname), keys };
}

/** Restores the backup in `which` (a directory, or `latest` in BACKUP_DIR). Returns `{ dir, manifest, seconds }`. */
export async function restore({ which, force = false, env = process.env, log = console.log }) {
  const started = Date.now();
  const config = loadBackupConfig(env);
  const dir = await backupDir(config, which);
  const manifest = await readManifest(dir);
  await verifyFiles(dir, manifest);
  log(`restore: ${dir}: ${manifest.files.length} files match the manifest (snapshot ${manifest.snapshotAt})`);
  if (manifest.source.appRole !== config.DATABASE_APP_ROLE) {
    throw new UserError(
      `The backup grants its tables to the role ${manifest.source.appRole}, DATABASE_APP_ROLE is ${config.DATABASE_APP_ROLE}: set DATABASE_APP_ROLE=${manifest.source.appRole}`,
    );
  }
  const pgRestore = findPgTool('pg_restore', env);
  await checkSources({ ...config, DATABASE_URL: new URL('/postgres', config.DATABASE_URL).toString() });
  if (await ensureDatabase(config.DATABASE_URL)) log(`restore: created database ${describeUrl(config.DATABASE_URL)}`);

  const streams = flowgraphStreams(config.REDIS_PREFIX);
  const keyOf = (name) => streams.find((s) => s.name === name).key;
  const db = new pg.Client({ connectionString: config.DATABASE_URL });
  await db.connect();
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    const found = await occupied(db, redis, streams);
    if (found.schemas.length + found.keys.length > 0) {
      const what = [...found.schemas.map((s) => `schema ${s}`), ...found.keys.map((k) => `Redis stream ${k}`)].join(', ');
      if (!force)
        throw new UserError(
          `The target is not empty (${describeUrl(config.DATABASE_URL)} / prefix ${config.REDIS_PREFIX} holds ${what}): restore into an empty database and prefix, or pass --force to replace them`,
        );
      for (const schema of found.schemas) await db.query(`drop schema ${schema} cascade`);
      if (found.keys.length > 0) await redis.del(...found.keys);
      log(`restore: --force: dropped ${what}`);
    }
    await loadKernel().ensureAppRole(config.DATABASE_URL, config.DATABASE_APP_ROLE, config.DATABASE_APP_PASSWORD);
    for (const entry of manifest.files.filter((f) => f.kind === 'postgres-schema')) {
      // Owned by the connecting user, as migrations make them; grants to the app role are kept.
      await runPgTool(
        pgRestore,
        ['--no-owner', '--exit-on-error', '--single-transaction', path.join(dir, entry.name)],
        config.DATABASE_URL,
      );
      log(`restore: ${entry.schema}: restored into ${databaseName(config.DATABASE_URL)}`);
    }
    await restoreStreams(redis, path.join(dir, STREAMS_FILE), manifest.redis.streams, keyOf);
    const entries = manifest.redis.streams.reduce((sum, s) => sum + s.entries, 0);
    log(`restore: redis streams: ${entries} unconsumed entries under prefix ${config.REDIS_PREFIX}`);
  } finally {
    await db.end().catch(() => {});
    redis.disconnect();
  }
  const seconds = (Date.now() - started) / 1000;
  log(
    `restore: done in ${seconds.toFixed(1)} s; start the services (npm start runs pending migrations; elsewhere run npm run migrate first)`,
  );
  return { dir, manifest, seconds };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`);
    process.exit(1);
  }
  if (args.positionals.length !== 1) {
    console.error(USAGE);
    process.exit(1);
  }
  restore({ which: args.positionals[0], force: args.values.force }).then(
    () => process.exit(0),
    (error) => {
      reportFatal(error);
      process.exit(1);
    },
  );
}
