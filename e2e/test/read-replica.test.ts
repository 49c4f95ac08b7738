import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import pino, { type Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  appDatabaseUrl,
  createOrm,
  createServiceMetrics,
  ensureAppRole,
  loadConfig,
  migrateSubgraph,
  type Identity,
  type RunningServer,
} from '@flowgraph/kernel';
import { postGraphQL, until } from '@flowgraph/kernel/testing';
import { entities, startAnalyticsServer } from '@flowgraph/analytics';
import { loadAnalyticsConfig, startReadReplica, type ReadReplica } from '@flowgraph/analytics/testing';
import { migrationPlan } from '@flowgraph/analytics/migrations';
import { startPostgres, startReplica, type PostgresServer } from '../support/local-servers';

/**
 * Reports against a real streaming replica: a Postgres cluster of the test's own (migrated as
 * `npm run migrate` does), its hot standby from pg_basebackup, and the analytics subgraph
 * configured with DATABASE_URL on the primary and DATABASE_REPLICA_URL on the standby. Which
 * server answered is proven by rows only one of them has: a row the primary committed while the
 * standby's replay is paused (or while it is stopped) is on the primary only.
 */

const secret = loadConfig().IDENTITY_SECRET;
const orgId = randomUUID();
const admin: Partial<Identity> = { userId: randomUUID(), orgId, role: 'admin', authMethod: 'jwt', scopes: [] };
const DAY = '2026-03-01';

interface LogLine {
  level: number;
  msg: string;
  lagSeconds?: number | null;
}

/** An analytics server with its own read replica, registry and log. */
interface Reports {
  server: RunningServer;
  replica: ReadReplica;
  registry: Registry;
  log: LogLine[];
}

let primary: PostgresServer;
let standby: PostgresServer;
let primaryOwner: Client;
let primaryOrm: MikroORM;
/** REPLICA_MAX_LAG_SECONDS=1: falls back as soon as the standby is a second behind. */
let strict: Reports;
/** REPLICA_MAX_LAG_SECONDS=3600: keeps reading a standby that lags, which shows what it reads. */
let lenient: Reports;

async function sql<T>(server: PostgresServer, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: server.url('flowgraph') });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

function capturingLogger(): { logger: Logger; log: LogLine[] } {
  const log: LogLine[] = [];
  return { log, logger: pino({ level: 'info' }, { write: (line: string) => log.push(JSON.parse(line) as LogLine) }) };
}

async function startReports(env: Record<string, string>): Promise<Reports> {
  const config = loadAnalyticsConfig({
    ...process.env,
    DATABASE_URL: primary.url('flowgraph'),
    DATABASE_REPLICA_URL: appDatabaseUrl({ ...loadConfig(), DATABASE_URL: standby.url('flowgraph') }),
    REPLICA_CHECK_INTERVAL_MS: '200',
    ...env,
  });
  const { logger, log } = capturingLogger();
  const metrics = createServiceMetrics('analytics');
  const replica = (await startReadReplica(config, { entities, logger, metrics }))!;
  const server = await startAnalyticsServer({
    orm: primaryOrm,
    logger,
    identitySecret: secret,
    modules: { suggestions: {}, reporting: { replica } },
  });
  return { server, replica, registry: metrics.registry, log };
}

/** The sum of a metric's values over the series matching `labels`. */
async function metric(reports: Reports, name: string, labels: Record<string, string> = {}): Promise<number> {
  const { values } = await reports.registry.getSingleMetric(name)!.get();
  return values.filter((v) => Object.entries(labels).every(([key, value]) => v.labels[key] === value)).reduce((sum, v) => sum + v.value, 0);
}

/** The report's tools on DAY, as `tool:events`. */
async function toolsInReport(reports: Reports): Promise<string[]> {
  const response = await postGraphQL<{ organizationReport: { eventsPerToolPerDay: { tool: string; events: number }[] } }>(
    reports.server.url,
    `query($from: Date!, $to: Date!) { organizationReport(from: $from, to: $to) { eventsPerToolPerDay { tool events } } }`,
    { from: DAY, to: DAY },
    { identity: admin, secret },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.organizationReport.eventsPerToolPerDay.map((t) => `${t.tool}:${t.events}`).sort();
}

/** Commits a day's count for `tool` on the primary and returns the WAL position after it. */
async function writeOnPrimary(tool: string, events: number): Promise<string> {
  await primaryOwner.query('insert into analytics.daily_tool_events (org_id, day, tool, events) values ($1, $2, $3, $4)', [
    orgId,
    DAY,
    tool,
    events,
  ]);
  const [row] = (await primaryOwner.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')).rows;
  return row.lsn;
}

/** Waits until the standby has received (`pg_last_wal_receive_lsn`) or replayed WAL up to `lsn`. */
async function standbyHas(lsn: string, how: 'received' | 'replayed'): Promise<void> {
  const position = how === 'received' ? 'pg_last_wal_receive_lsn()' : 'pg_last_wal_replay_lsn()';
  await until(
    async () => (await sql<{ ok: boolean }>(standby, `select coalesce(${position} >= $1::pg_lsn, false) as ok`, [lsn]))[0].ok,
    30_000,
    `the standby to have ${how} ${lsn}`,
  );
}

async function pauseReplay(): Promise<void> {
  await sql(standby, 'select pg_wal_replay_pause()');
  await until(
    async () => (await sql<{ state: string }>(standby, 'select pg_get_wal_replay_pause_state() as state'))[0].state === 'paused',
    10_000,
    'replay paused',
  );
}

const warnings = (reports: Reports, message: RegExp) => reports.log.filter((l) => l.level === 40 && message.test(l.msg));

beforeAll(async () => {
  primary = await startPostgres();
  const server = new Client({ connectionString: primary.url() });
  await server.connect();
  await server.query('create database flowgraph');
  await server.end();
  // As `npm run migrate` does: the app role (roles are cluster-wide, so the standby has it), then the schema.
  const config = loadConfig();
  await ensureAppRole(primary.url('flowgraph'), config.DATABASE_APP_ROLE, config.DATABASE_APP_PASSWORD);
  await migrateSubgraph(primary.url('flowgraph'), migrationPlan);
  standby = await startReplica(primary);

  primaryOwner = new Client({ connectionString: primary.url('flowgraph') });
  await primaryOwner.connect();
  primaryOrm = await createOrm({ url: appDatabaseUrl({ ...config, DATABASE_URL: primary.url('flowgraph') }), entities, poolMax: 4 });
  strict = await startReports({ REPLICA_MAX_LAG_SECONDS: '1' });
  lenient = await startReports({ REPLICA_MAX_LAG_SECONDS: '3600' });
}, 300_000);

afterAll(async () => {
  for (const reports of [strict, lenient]) {
    await reports?.server.stop();
    await reports?.replica.close();
  }
  await primaryOrm?.close(true);
  await primaryOwner?.end();
  await standby?.remove();
  await primary?.remove();
});

it('serves a report from the streaming replica: a row it has received but not replayed is not in it', async () => {
  await standbyHas(await writeOnPrimary('slack', 3), 'replayed');
  expect(await toolsInReport(lenient)).toEqual(['slack:3']);

  await pauseReplay();
  await standbyHas(await writeOnPrimary('github', 5), 'received');
  expect(await toolsInReport(lenient)).toEqual(['slack:3']); // the primary has github:5 too
  expect(await metric(lenient, 'db_replica_fallbacks_total')).toBe(0);
  expect(await metric(lenient, 'db_replica_up')).toBe(1);
  await until(async () => (await metric(lenient, 'db_replica_lag_seconds')) > 0, 10_000, 'the lag measured');
});

it('reads the primary while the lag is beyond REPLICA_MAX_LAG_SECONDS, and the replica again once it has caught up', async () => {
  // Replay is still paused with github:5 received: the lag grows with the clock.
  await until(async () => (await metric(strict, 'db_replica_lag_seconds')) > 1, 10_000, 'a lag above a second');
  expect(await toolsInReport(strict)).toEqual(['github:5', 'slack:3']);
  expect(await metric(strict, 'db_replica_fallbacks_total', { reason: 'lag' })).toBeGreaterThanOrEqual(1);
  expect(await metric(strict, 'db_replica_up')).toBe(1);
  expect(warnings(strict, /lags beyond REPLICA_MAX_LAG_SECONDS/)).toHaveLength(1);

  await sql(standby, 'select pg_wal_replay_resume()');
  // Back within the limit is enough to return; caught up (lag 0) follows once replay has finished.
  await until(
    async () => strict.replica.state === 'replica' && (await metric(strict, 'db_replica_lag_seconds')) === 0,
    10_000,
    'the strict server back on a caught-up replica',
  );
  expect(strict.log.filter((l) => l.level === 30 && /read replica in use/.test(l.msg))).toHaveLength(1);
  const fallbacks = await metric(strict, 'db_replica_fallbacks_total');
  expect(await toolsInReport(strict)).toEqual(['github:5', 'slack:3']);
  expect(await metric(strict, 'db_replica_fallbacks_total')).toBe(fallbacks);
});

it('counts an idle primary as no lag, though the last replayed transaction grows old', async () => {
  await until(
    async () =>
      (await sql<{ age: number }>(standby, 'select extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as age'))[0].age > 2,
    10_000,
    'the last replayed transaction two seconds old',
  );
  expect(await metric(strict, 'db_replica_lag_seconds')).toBe(0);
  expect(strict.replica.state).toBe('replica');
});

it('answers from the primary while the replica is stopped, warns once, and returns to the replica when it is back', async () => {
  await standby.stop('fast');
  await writeOnPrimary('teams', 7); // the stopped standby cannot have it
  for (let i = 0; i < 3; i++) expect(await toolsInReport(lenient)).toEqual(['github:5', 'slack:3', 'teams:7']);
  await until(async () => (await metric(lenient, 'db_replica_up')) === 0, 10_000, 'db_replica_up 0');
  expect(await metric(lenient, 'db_replica_fallbacks_total')).toBeGreaterThanOrEqual(3);
  expect(Number.isNaN(await metric(lenient, 'db_replica_lag_seconds'))).toBe(true);
  expect(warnings(lenient, /read replica unavailable/)).toHaveLength(1);

  await standby.start();
  await until(async () => lenient.replica.state === 'replica', 30_000, 'the replica in use again');
  expect(await metric(lenient, 'db_replica_up')).toBe(1);
  // Proof it reads the replica again: a row the primary commits while replay is paused is not in the report.
  await standbyHas((await sql<{ lsn: string }>(primary, 'select pg_current_wal_lsn()::text as lsn'))[0].lsn, 'replayed');
  await pauseReplay();
  await standbyHas(await writeOnPrimary('gitlab', 2), 'received');
  const fallbacks = await metric(lenient, 'db_replica_fallbacks_total');
  expect(await toolsInReport(lenient)).toEqual(['github:5', 'slack:3', 'teams:7']);
  expect(await metric(lenient, 'db_replica_fallbacks_total')).toBe(fallbacks);
  expect(warnings(lenient, /read replica unavailable/)).toHaveLength(1);
  await sql(standby, 'select pg_wal_replay_resume()');
});
