import { createHash, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createRedis, loadConfig, type Redis } from '@flowgraph/kernel';
import { createTestDatabase, dropDatabase, uniqueName, type TestDatabase } from '@flowgraph/kernel/testing';
import { cleanEnv, freePort, runNode } from './helpers';

/** `npm run backup` and `npm run restore` driven as a person runs them, on a database and Redis prefix of this file's own. */
const serverUrl = loadConfig().DATABASE_URL;
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
/** Orders two stream ids (`<ms>-<seq>`). */
const compareIds = (a: string, b: string) => {
  const [[am, as], [bm, bs]] = [a, b].map((id) => id.split('-').map(BigInt));
  return am === bm ? Number(as - bs) : Number(am - bm);
};
const urlOf = (database: string) => Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

let source: TestDatabase;
let redis: Redis;
let backupRoot: string;
let emptyBin: string;
jest.setTimeout(180_000); // each case runs the scripts as processes, and a backup or restore takes seconds
const sourcePrefix = uniqueName('bksrc');
const targetPrefix = uniqueName('bkdst');
const targetDb = uniqueName('fg_restored');
const orgId = randomUUID();
const entryIds: string[] = [];

const env = (extra: NodeJS.ProcessEnv = {}) =>
  cleanEnv({
    DATABASE_URL: source.ownerUrl,
    REDIS_URL: loadConfig().REDIS_URL,
    REDIS_PREFIX: sourcePrefix,
    BACKUP_DIR: backupRoot,
    ...extra,
  });
const restoreEnv = (database = targetDb) => env({ DATABASE_URL: urlOf(database), REDIS_PREFIX: targetPrefix });
const backups = () => readdirSync(backupRoot).sort();

beforeAll(async () => {
  source = await createTestDatabase('fg_bk');
  redis = createRedis(loadConfig().REDIS_URL);
  backupRoot = mkdtempSync(path.join(os.tmpdir(), 'fg-backups-'));
  emptyBin = mkdtempSync(path.join(os.tmpdir(), 'fg-empty-path-'));
  await query(source.ownerUrl, `insert into core.organizations (id, name) values ($1, 'Backed up')`, [orgId]);
  // The event stream: `analytics` has read e1 and e2 and acknowledged e1; `late` starts after e3.
  const key = `${sourcePrefix}:events`;
  for (const n of [1, 2, 3]) entryIds.push((await redis.xadd(key, '*', 'id', `e${n}`))!);
  await redis.xgroup('CREATE', key, 'analytics', '0');
  await redis.xreadgroup('GROUP', 'analytics', 'c1', 'COUNT', 2, 'STREAMS', key, '>');
  await redis.xack(key, 'analytics', entryIds[0]);
  await redis.xgroup('CREATE', key, 'late', '$');
  entryIds.push((await redis.xadd(key, '*', 'id', 'e4'))!);
});

afterAll(async () => {
  await source.drop();
  await dropDatabase(serverUrl, targetDb);
  const keys = [...(await redis.keys(`${sourcePrefix}:*`)), ...(await redis.keys(`${targetPrefix}:*`))];
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  rmSync(backupRoot, { recursive: true, force: true });
  rmSync(emptyBin, { recursive: true, force: true });
});

describe('npm run backup', () => {
  it('writes each schema, the unconsumed stream entries and a manifest whose sizes and sha256s match the files', async () => {
    const run = await runNode('scripts/backup.mjs', [], env());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [name] = backups();
    expect(run.stdout).toContain(`backup: redis streams: events 3 unconsumed`);
    expect(run.stdout).toContain(`backup: written ${path.join(backupRoot, name)} in `);
    const dir = path.join(backupRoot, name);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { name: string }) => f.name)).toEqual([
      'core.dump',
      'workflow.dump',
      'integration.dump',
      'analytics.dump',
      'redis-streams.jsonl',
    ]);
    for (const file of manifest.files) {
      expect({ name: file.name, bytes: file.bytes, sha256: file.sha256 }).toEqual({
        name: file.name,
        bytes: readFileSync(path.join(dir, file.name)).length,
        sha256: sha256(path.join(dir, file.name)),
      });
    }
    const applied = await query<{ name: string }>(source.ownerUrl, 'select name from workflow.mikro_orm_migrations order by id');
    expect(manifest.schemas.workflow.migrations).toEqual(applied.map((r) => r.name));
    expect(manifest.tools.pg_dump).toMatch(/^pg_dump \(PostgreSQL\) \d+/);
    expect(manifest.source).toMatchObject({ redisPrefix: sourcePrefix, appRole: 'flowgraph_app' });
    expect(new Date(manifest.snapshotAt).getTime()).toBeGreaterThanOrEqual(new Date(manifest.startedAt).getTime());
    // `analytics` is placed just before its oldest unacknowledged entry (e2), `late` where it was.
    const [events] = manifest.redis.streams;
    expect(events).toMatchObject({ name: 'events', entries: 3, groups: [{ name: 'analytics' }, { name: 'late', position: entryIds[2] }] });
    expect(compareIds(events.groups[0].position, entryIds[0])).toBeGreaterThanOrEqual(0);
    expect(compareIds(events.groups[0].position, entryIds[1])).toBeLessThan(0);
    const lines = readFileSync(path.join(dir, 'redis-streams.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual(entryIds.slice(1).map((id, i) => ({ stream: 'events', id, fields: ['id', `e${i + 2}`] })));
  });

  it('prunes by the retention policy: the newest of each hour and day that the counts allow', async () => {
    const [first] = backups();
    const manifest = JSON.parse(readFileSync(path.join(backupRoot, first, 'manifest.json'), 'utf8'));
    // Two older backups, as if taken one and two days ago.
    for (const daysAgo of [1, 2]) {
      const name = `old-${daysAgo}`;
      cpSync(path.join(backupRoot, first), path.join(backupRoot, name), { recursive: true });
      const snapshotAt = new Date(new Date(manifest.snapshotAt).getTime() - daysAgo * 86_400_000).toISOString();
      writeFileSync(path.join(backupRoot, name, 'manifest.json'), JSON.stringify({ ...manifest, snapshotAt }));
    }
    const run = await runNode('scripts/backup.mjs', [], env({ BACKUP_KEEP_HOURLY: '1', BACKUP_KEEP_DAILY: '2' }));
    expect(run.stderr).toBe('');
    // The first backup shares its hour and day with the new one; two days ago is past the two days kept.
    expect(run.stdout).toContain(`backup: pruned ${first} (keeping 1 hourly, 2 daily)`);
    expect(run.stdout).toContain(`backup: pruned old-2 (keeping 1 hourly, 2 daily)`);
    const remaining = backups();
    expect(remaining).toHaveLength(2);
    expect(remaining).toContain('old-1');
    expect(remaining).not.toContain(first);
  });

  it('says in one line when pg_dump is missing, Postgres is unreachable or a setting is bad', async () => {
    const noTool = await runNode('scripts/backup.mjs', [], env({ PATH: emptyBin }));
    expect(noTool.code).toBe(1);
    expect(noTool.stderr).toMatch(/^pg_dump not found on PATH: install the PostgreSQL client .* or set PG_BIN_DIR to its bin directory\n$/);
    const port = await freePort();
    const down = await runNode('scripts/backup.mjs', [], env({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/flowgraph` }));
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      new RegExp(`^Cannot reach Postgres at 127.0.0.1:${port}/flowgraph \\(.*\\): start it or set DATABASE_URL\\n$`),
    );
    const bad = await runNode('scripts/backup.mjs', [], env({ BACKUP_KEEP_DAILY: 'seven' }));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Invalid configuration: BACKUP_KEEP_DAILY: /);
    expect(backups()).toHaveLength(2); // nothing half-written left behind
  });
});

describe('npm run restore', () => {
  it('restores the newest backup into an empty database and prefix: rows, migrations, grants and unconsumed entries', async () => {
    const run = await runNode('scripts/restore.mjs', ['latest'], restoreEnv());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`restore: created database`);
    expect(run.stdout).toMatch(/restore: done in [\d.]+ s/);
    const target = urlOf(targetDb);
    expect(await query(target, 'select name from core.organizations where id = $1', [orgId])).toEqual([{ name: 'Backed up' }]);
    const migrations = 'select name from analytics.mikro_orm_migrations order by id';
    expect(await query(target, migrations)).toEqual(await query(source.ownerUrl, migrations));
    // The app role can use what it could before: organization-scoped reads through row-level security.
    const appUrl = Object.assign(new URL(target), { username: 'flowgraph_app', password: loadConfig().DATABASE_APP_PASSWORD }).toString();
    const client = new Client({ connectionString: appUrl });
    await client.connect();
    await client.query('begin');
    await client.query(`select set_config('app.org_id', $1, true)`, [orgId]);
    expect((await client.query('select count(*)::int as n from core.organizations')).rows).toEqual([{ n: 1 }]);
    await client.end();

    const key = `${targetPrefix}:events`;
    expect((await redis.xrange(key, '-', '+')).map(([id]) => id)).toEqual(entryIds.slice(1));
    const read = async (group: string) =>
      (
        (await redis.xreadgroup('GROUP', group, 'after-restore', 'COUNT', 10, 'STREAMS', key, '>')) as [string, [string, string[]][]][]
      )[0][1].map(([, fields]) => fields[1]);
    expect(await read('analytics')).toEqual(['e2', 'e3', 'e4']);
    expect(await read('late')).toEqual(['e4']);
  });

  it('refuses a target that holds Flowgraph data unless --force, which replaces it', async () => {
    await query(urlOf(targetDb), `update core.organizations set name = 'Changed after restore'`);
    const refused = await runNode('scripts/restore.mjs', ['latest'], restoreEnv());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `The target is not empty (127.0.0.1:5432/${targetDb} / prefix ${targetPrefix} holds schema analytics, schema core`,
    );
    expect(refused.stderr).toContain(
      `Redis stream ${targetPrefix}:events): restore into an empty database and prefix, or pass --force to replace them`,
    );
    const forced = await runNode('scripts/restore.mjs', ['latest', '--force'], restoreEnv());
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(await query(urlOf(targetDb), 'select name from core.organizations')).toEqual([{ name: 'Backed up' }]);
  });

  it('checks every checksum before touching the target, and refuses a damaged backup', async () => {
    const [name] = backups().filter((b) => !b.startsWith('old-'));
    const damaged = path.join(backupRoot, 'damaged');
    cpSync(path.join(backupRoot, name), damaged, { recursive: true });
    const dump = readFileSync(path.join(damaged, 'workflow.dump'));
    dump[dump.length - 10] ^= 0xff;
    writeFileSync(path.join(damaged, 'workflow.dump'), dump);
    const untouched = uniqueName('fg_never');
    const run = await runNode('scripts/restore.mjs', [damaged], restoreEnv(untouched));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^Checksum mismatch in .*damaged: workflow.dump has sha256 [0-9a-f]{64}, the manifest says [0-9a-f]{64}\. The backup is damaged: restore another one\.\n$/,
    );
    expect(await query(serverUrl, 'select 1 from pg_database where datname = $1', [untouched])).toEqual([]);
    rmSync(damaged, { recursive: true });
  });

  it('prints its usage without exactly one backup to restore', async () => {
    const run = await runNode('scripts/restore.mjs', [], restoreEnv());
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('usage: npm run restore -- <backup directory | latest> [--force]\n');
    expect(existsSync(backupRoot)).toBe(true);
  });
});
