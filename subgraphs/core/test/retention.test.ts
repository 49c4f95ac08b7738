import { randomUUID } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import { createLogger, createRedis, type Redis } from '@flowgraph/kernel';
import { uniqueName } from '@flowgraph/kernel/testing';
import { startWorkers } from '../src/workers';
import { RETENTION_JOB } from '../src/modules/retention/retention.job';
import { signUp, startCoreHarness, type Account, type CoreHarness } from '../src/testing/core-harness';

let h: CoreHarness;
let connection: Redis;
let shortLived: Account;
let longLived: Account;
const prefix = uniqueName('fgtest_retention_bull');

beforeAll(async () => {
  h = await startCoreHarness('retention');
  connection = createRedis(h.config.REDIS_URL, { forWorkers: true });
  shortLived = await signUp(h);
  longLived = await signUp(h);
  await h.owner('update core.organizations set event_retention_days = 30 where id = $1', [shortLived.orgId]);
});

afterAll(async () => {
  const keys = await connection.keys(`${prefix}:*`);
  if (keys.length > 0) await connection.del(...keys);
  connection.disconnect();
  await h.close();
});

async function insertEventAged(orgId: string, days: number): Promise<string> {
  const id = randomUUID();
  await h.owner(
    `insert into core.events (id, org_id, idempotency_key, event_type, tool, occurred_at, payload)
     values ($1, $2, $3, 'file.saved', 'dropbox', now() - make_interval(days => $4), '{}')`,
    [id, orgId, id, days],
  );
  return id;
}

async function existing(table: string, ids: string[]): Promise<string[]> {
  const rows = await h.owner<{ id: string }>(`select id from ${table} where id = any($1::uuid[])`, [ids]);
  return rows.map((r) => r.id).sort();
}

it('deletes events past each organization’s retention and audit entries past a year, through a real worker', async () => {
  const keep = [await insertEventAged(shortLived.orgId, 10), await insertEventAged(longLived.orgId, 60)];
  const purge = [await insertEventAged(shortLived.orgId, 31), await insertEventAged(longLived.orgId, 91)];
  const oldAudit = randomUUID();
  const recentAudit = randomUUID();
  await h.owner(
    `insert into core.audit_log (id, org_id, action, created_at) values
       ($1, $3, 'test.old', now() - interval '400 days'), ($2, $3, 'test.recent', now() - interval '300 days')`,
    [oldAudit, recentAudit, longLived.orgId],
  );

  const running = await startWorkers({ orm: h.orm, connection, prefix, logger: createLogger('worker', 'silent'), auditKeepDays: 365 });
  const eventsConnection = createRedis(h.config.REDIS_URL, { forWorkers: true });
  const events = new QueueEvents(running.queue.name, { connection: eventsConnection, prefix });
  try {
    await events.waitUntilReady();
    const schedulers = await running.queue.getJobSchedulers();
    expect(schedulers).toEqual([expect.objectContaining({ key: 'retention-daily', pattern: '0 3 * * *', tz: 'UTC' })]);

    const job = await running.queue.add(RETENTION_JOB, { auditKeepDays: 365 });
    expect(await job.waitUntilFinished(events, 10_000)).toEqual({ eventsDeleted: 2, auditEntriesDeleted: 1 });
  } finally {
    await events.close();
    eventsConnection.disconnect();
    await running.close();
  }

  expect(await existing('core.events', [...keep, ...purge])).toEqual([...keep].sort());
  expect(await existing('core.audit_log', [oldAudit, recentAudit])).toEqual([recentAudit]);
});

it('gives the application role no way to delete events itself', async () => {
  const id = await insertEventAged(longLived.orgId, 1);
  const em = h.orm.em.fork();
  await expect(em.execute('delete from core.events where id = ?', [id])).rejects.toThrow(/permission denied/);
  expect(await existing('core.events', [id])).toEqual([id]);
});
