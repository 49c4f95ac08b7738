import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  createLogger,
  createOrm,
  createRedis,
  inScopedTransaction,
  loadConfig,
  type Identity,
  type Redis,
  type RunningServer,
} from '@flowgraph/kernel';
import { createTestDatabase, postGraphQL, uniqueName, type TestDatabase } from '@flowgraph/kernel/testing';
// Tests may start another subgraph in-process (product code never imports one): a real Workflow.
import { createWorkflowServerResources, entities as workflowEntities, loadWorkflowConfig, startWorkflowServer } from '@flowgraph/workflow';
import { startWorkers as startWorkflowWorkers } from '@flowgraph/workflow/testing';
import { entities, startAnalyticsServer } from '@flowgraph/analytics';
import {
  aggregateWindow,
  createDailyAggregatesJob,
  OrganizationAggregates,
  ReportService,
  WorkflowActivityClient,
} from '@flowgraph/analytics/testing';
import { seedEvents, seedSuggestion } from '../support/reporting-seeds';

const secret = loadConfig().IDENTITY_SECRET;
const quiet = createLogger('test', process.env.TEST_LOG ?? 'silent');
/** The job's clock: "today" is 2026-11-20 (UTC). */
const NOW = new Date('2026-11-20T12:00:00Z');

let db: TestDatabase;
let orm: MikroORM;
let owner: Client;
let workflowOrm: MikroORM;
let workflowRedis: Redis;
let workflowServer: RunningServer;
let workflowResources: ReturnType<typeof createWorkflowServerResources>;
let workflowWorkers: { close(): Promise<void> };
let workerConnections: Redis[];
let workflowClient: WorkflowActivityClient;
let redisPrefix: string;

const orgA = randomUUID();
const orgB = randomUUID();
const [u1, u2, u3, u4, u5] = Array.from({ length: 5 }, () => randomUUID());
const admin = (userId: string, orgId = orgA): Partial<Identity> => ({ userId, orgId, role: 'admin', authMethod: 'jwt', scopes: [] });

async function callWorkflow<T>(query: string, variables: Record<string, unknown>, identity: Partial<Identity>): Promise<T> {
  const response = await postGraphQL<T>(workflowServer.url, query, variables, { identity, secret });
  if (response.errors || !response.data) throw new Error(JSON.stringify(response.errors));
  return response.data;
}

/** A published workflow, through Workflow's API, whose one step fails when the input says so. */
async function createWorkflow(identity: Partial<Identity>, createdAt: string): Promise<string> {
  const definition = {
    steps: [
      {
        id: 'check',
        type: 'transform',
        config: { expression: 'input.fail ? $error("boom") : { "ok": true }' },
        retry: { maxAttempts: 1, backoffMs: 0 },
      },
    ],
    edges: [],
  };
  const created = await callWorkflow<{ createWorkflow: { workflow: { id: string } } }>(
    'mutation($input: CreateWorkflowInput!) { createWorkflow(input: $input) { workflow { id } } }',
    { input: { name: 'check', definition } },
    identity,
  );
  const id = created.createWorkflow.workflow.id;
  await callWorkflow('mutation($id: ID!) { publishWorkflow(id: $id, version: 1) { workflow { id } } }', { id }, identity);
  // Workflow stamps the real time; the scenario needs its own days.
  await owner.query('update workflow.workflows set created_at = $2 where id = $1', [id, createdAt]);
  return id;
}

/** Runs the workflow through Workflow's API and worker, then dates its finish. */
async function execute(identity: Partial<Identity>, workflowId: string, fail: boolean, finishedAt: string): Promise<void> {
  const data = await callWorkflow<{ executeWorkflow: { execution: { id: string } } }>(
    'mutation($input: ExecuteWorkflowInput!) { executeWorkflow(input: $input) { execution { id } } }',
    { input: { workflowId, input: { fail } } },
    identity,
  );
  const id = data.executeWorkflow.execution.id;
  const expected = fail ? 'failed' : 'succeeded';
  for (let tries = 0; ; tries++) {
    const { rows } = await owner.query('select status from workflow.executions where id = $1', [id]);
    if (rows[0]?.status === expected) break;
    if (rows[0]?.status === 'failed' || rows[0]?.status === 'succeeded' || tries > 300)
      throw new Error(`execution ended ${rows[0]?.status}, not ${expected}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  await owner.query('update workflow.executions set queued_at = $2, started_at = $2, finished_at = $2 where id = $1', [id, finishedAt]);
}

const job = (overrides: Partial<Parameters<typeof createDailyAggregatesJob>[0]> = {}) =>
  createDailyAggregatesJob({ orm, workflow: workflowClient, logger: quiet, now: () => NOW, eventRetentionDays: 90, ...overrides });

const report = (orgId: string, from: string, to: string) =>
  inScopedTransaction(orm.em as EntityManager, { orgId }, (em) =>
    new ReportService(em).organizationReport(
      { requestId: randomUUID(), userId: u1, orgId, role: 'admin', scopes: [], authMethod: 'jwt' },
      from,
      to,
    ),
  );

/** Every aggregate row of an organization, computed_at included. */
async function snapshot(orgId: string): Promise<Record<string, unknown[]>> {
  const tables = { daily_tool_events: 'day, tool', daily_activity: 'day', user_milestones: 'user_id' };
  const result: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(tables)) {
    result[table] = (await owner.query(`select * from analytics.${table} where org_id = $1 order by ${order}`, [orgId])).rows;
  }
  return result;
}

beforeAll(async () => {
  db = await createTestDatabase('an_daily');
  orm = await createOrm({ url: db.appUrl, entities });
  owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();

  redisPrefix = uniqueName('fgtest_an_daily');
  const workflowConfig = loadWorkflowConfig({ ...process.env, REDIS_PREFIX: redisPrefix });
  workflowOrm = await createOrm({ url: db.appUrl, entities: workflowEntities, poolMax: 4 });
  workflowRedis = createRedis(workflowConfig.REDIS_URL, { forWorkers: true });
  workflowResources = createWorkflowServerResources(workflowRedis, workflowConfig);
  workflowServer = await startWorkflowServer({ orm: workflowOrm, logger: quiet, identitySecret: secret, ...workflowResources });
  workerConnections = [createRedis(workflowConfig.REDIS_URL, { forWorkers: true }), createRedis(workflowConfig.REDIS_URL)];
  workflowWorkers = await startWorkflowWorkers({
    orm: workflowOrm,
    connection: workerConnections[0],
    publisher: workerConnections[1],
    logger: quiet,
    config: workflowConfig,
    triggers: false,
  });
  workflowClient = new WorkflowActivityClient({ origin: new URL(workflowServer.url).origin, identitySecret: secret });

  // Organization A, days 2026-11-18 to 2026-11-20 (today), and some history.
  await seedEvents(orm, orgA, [
    { userId: u4, tool: 'slack', eventType: 'message.posted', occurredAt: '2026-10-19T12:00:00Z' }, // outside every MAU window below
    { userId: u3, tool: 'gitlab', eventType: 'push', occurredAt: '2026-10-21T08:00:00Z' }, // in the MAU of the 18th and 19th only
    { userId: u3, tool: 'flowgraph', eventType: 'member.joined', occurredAt: '2026-10-24T08:00:00Z' },
    { userId: u1, tool: 'flowgraph', eventType: 'user.signed_up', occurredAt: '2026-11-18T08:00:00Z' },
    { userId: u1, tool: 'github', eventType: 'pr.opened', occurredAt: '2026-11-18T09:00:00Z' },
    { userId: u1, tool: 'slack', eventType: 'message.posted', occurredAt: '2026-11-18T09:05:00Z' },
    { userId: u2, tool: 'slack', eventType: 'message.posted', occurredAt: '2026-11-18T23:59:59.999Z' },
    { userId: u2, tool: 'flowgraph', eventType: 'member.joined', occurredAt: '2026-11-19T08:00:00Z' },
    { userId: u1, tool: 'github', eventType: 'pr.opened', occurredAt: '2026-11-19T10:00:00Z' },
    { userId: null, tool: 's3', eventType: 'object.created', occurredAt: '2026-11-19T11:00:00Z' }, // no user: counts for the tool only
    { userId: u1, tool: 'flowgraph', eventType: 'workflow.notification', occurredAt: '2026-11-19T12:00:00Z' }, // platform: never counted
    { userId: u2, tool: 'github', eventType: 'pr.opened', occurredAt: '2026-11-20T00:00:00Z' },
    { userId: u5, tool: 'flowgraph', eventType: 'member.joined', occurredAt: '2026-11-20T07:00:00Z' },
  ]);
  await seedSuggestion(orm, orgA, { userId: u1, offeredAt: '2026-11-10T10:00:00Z', acceptedAt: '2026-11-18T10:00:00Z' });
  await seedSuggestion(orm, orgA, { userId: u1, offeredAt: '2026-11-18T10:00:00Z', acceptedAt: '2026-11-19T10:00:00Z' });
  await seedSuggestion(orm, orgA, { userId: u2, offeredAt: '2026-11-19T10:00:00Z', dismissedAt: '2026-11-20T10:00:00Z' });
  await seedSuggestion(orm, orgA, { userId: u2, offeredAt: '2026-11-20T10:00:00Z' });

  const checkA = await createWorkflow(admin(u1), '2026-11-18T10:00:00Z');
  await execute(admin(u1), checkA, false, '2026-11-18T11:00:00Z');
  await execute(admin(u1), checkA, true, '2026-11-19T12:00:00Z');
  await execute(admin(u1), checkA, false, '2026-11-19T13:00:00Z');
  const checkB = await createWorkflow(admin(u2), '2026-11-20T09:00:00Z');
  await execute(admin(u2), checkB, true, '2026-11-20T10:00:00Z');
  await createWorkflow(admin(u5), '2026-11-20T11:00:00Z'); // a workflow, but no event: not through the funnel's second step

  // Organization B, busy on the same days.
  const stranger = randomUUID();
  await seedEvents(orm, orgB, [
    { userId: stranger, tool: 'flowgraph', eventType: 'user.signed_up', occurredAt: '2026-11-19T08:00:00Z' },
    { userId: stranger, tool: 'github', eventType: 'pr.opened', occurredAt: '2026-11-19T09:00:00Z' },
  ]);
  await seedSuggestion(orm, orgB, { userId: stranger, offeredAt: '2026-11-19T10:00:00Z' });
  const theirs = await createWorkflow(admin(stranger, orgB), '2026-11-19T09:30:00Z');
  await execute(admin(stranger, orgB), theirs, false, '2026-11-19T09:45:00Z');
});

afterAll(async () => {
  await workflowWorkers?.close();
  for (const connection of workerConnections ?? []) connection.disconnect();
  await workflowServer?.stop();
  await workflowResources?.close();
  const keys = await workflowRedis.keys(`${redisPrefix}*`);
  if (keys.length > 0) await workflowRedis.del(...keys);
  workflowRedis?.disconnect();
  await workflowOrm?.close(true);
  await orm?.close(true);
  await owner?.end();
  await db?.drop();
});

describe('the daily aggregates job', () => {
  beforeAll(async () => {
    expect(await job().run({})).toEqual({ organizations: 2, failed: 0 });
  });

  it('counts events per connected tool per day, without Flowgraph’s own', async () => {
    const { eventsPerToolPerDay } = await report(orgA, '2026-11-18', '2026-11-20');
    expect(eventsPerToolPerDay).toEqual([
      { day: '2026-11-18', tool: 'github', events: 1 },
      { day: '2026-11-18', tool: 'slack', events: 2 },
      { day: '2026-11-19', tool: 'github', events: 1 },
      { day: '2026-11-19', tool: 's3', events: 1 },
      { day: '2026-11-20', tool: 'github', events: 1 },
    ]);
  });

  it('computes DAU, 30-day MAU and Workflow’s creations and runs with their success rate', async () => {
    const { activity } = await report(orgA, '2026-11-18', '2026-11-20');
    expect(activity).toEqual([
      // u1, u2 | u1, u2, u3 (the 21st of October is within 30 days) | u4 is older
      {
        day: '2026-11-18',
        activeUsers: 2,
        monthlyActiveUsers: 3,
        workflowsCreated: 1,
        executionsSucceeded: 1,
        executionsFailed: 0,
        executionSuccessRate: 1,
      },
      // u1 (the s3 event has no user, the notification is Flowgraph's)
      {
        day: '2026-11-19',
        activeUsers: 1,
        monthlyActiveUsers: 3,
        workflowsCreated: 0,
        executionsSucceeded: 1,
        executionsFailed: 1,
        executionSuccessRate: 0.5,
      },
      // u2 | u3's event is now 31 days old
      {
        day: '2026-11-20',
        activeUsers: 1,
        monthlyActiveUsers: 2,
        workflowsCreated: 2,
        executionsSucceeded: 0,
        executionsFailed: 1,
        executionSuccessRate: 0,
      },
    ]);
  });

  it('fills every day from the organization’s first event, the first time, quiet days with zeros', async () => {
    const { activity } = await report(orgA, '2026-10-01', '2026-11-17');
    expect(activity.map((d) => d.day)[0]).toBe('2026-10-19');
    expect(activity).toHaveLength(30); // 2026-10-19 to 2026-11-17
    expect(activity.find((d) => d.day === '2026-10-20')).toMatchObject({
      activeUsers: 0,
      monthlyActiveUsers: 1,
      workflowsCreated: 0,
      executionSuccessRate: null,
    });
  });

  it('sums suggestions over the period, accepted ones offered before it included', async () => {
    expect((await report(orgA, '2026-11-18', '2026-11-20')).suggestions).toEqual({
      offered: 3,
      accepted: 2,
      dismissed: 1,
      acceptanceRate: 2 / 3,
    });
    expect((await report(orgA, '2026-11-19', '2026-11-19')).suggestions).toEqual({
      offered: 1,
      accepted: 1,
      dismissed: 0,
      acceptanceRate: 1,
    });
  });

  it('counts the activation funnel of the members who joined in the period, step after step', async () => {
    // u1, u2 and u5 joined; u1 and u2 sent events and made workflows (u5 made one without any
    // event, so does not pass the second step); only u1 ran one successfully. u3 joined before.
    expect((await report(orgA, '2026-11-18', '2026-11-20')).activationFunnel).toEqual({
      signedUp: 3,
      firstEvent: 2,
      firstWorkflow: 2,
      firstSuccessfulRun: 1,
    });
    expect((await report(orgA, '2026-10-01', '2026-10-31')).activationFunnel).toEqual({
      signedUp: 1,
      firstEvent: 1,
      firstWorkflow: 0,
      firstSuccessfulRun: 0,
    });
  });

  it('keeps each organization’s numbers to itself', async () => {
    const theirs = await report(orgB, '2026-11-18', '2026-11-20');
    expect(theirs.eventsPerToolPerDay).toEqual([{ day: '2026-11-19', tool: 'github', events: 1 }]);
    expect(theirs.activity.find((d) => d.day === '2026-11-19')).toMatchObject({
      activeUsers: 1,
      workflowsCreated: 1,
      executionsSucceeded: 1,
      executionsFailed: 0,
    });
    expect(theirs.suggestions).toEqual({ offered: 1, accepted: 0, dismissed: 0, acceptanceRate: 0 });
    expect(theirs.activationFunnel).toEqual({ signedUp: 1, firstEvent: 1, firstWorkflow: 1, firstSuccessfulRun: 1 });
  });

  it('records when it ran, which the report gives as aggregatedThrough', async () => {
    expect((await report(orgA, '2026-11-20', '2026-11-20')).aggregatedThrough).toEqual(NOW);
    expect((await report(orgB, '2026-11-20', '2026-11-20')).aggregatedThrough).toEqual(NOW);
  });

  it('changes nothing when run again on the same data', async () => {
    const before = { a: await snapshot(orgA), b: await snapshot(orgB) };
    expect(before.a.daily_activity).toHaveLength(33);
    await job().run({});
    await job().run({});
    expect({ a: await snapshot(orgA), b: await snapshot(orgB) }).toEqual(before);
  });

  it('never recomputes a day whose events retention may have purged, whatever the backfill asked', async () => {
    const before = await snapshot(orgA);
    // A 31-day retention purges u4's event of October 19th; yesterday's and today's MAU need none of it.
    await owner.query(`delete from analytics.events where org_id = $1 and occurred_at < $2`, [
      orgA,
      new Date(NOW.getTime() - 31 * 86_400_000),
    ]);
    await job({ eventRetentionDays: 31 }).run({ orgId: orgA, days: 40 });
    // Recomputing October 19th would have lost u4: it was left alone, like every day before yesterday.
    expect(await snapshot(orgA)).toEqual(before);
  });

  it('takes in events that arrive late for a recomputed day, and a tool that lost its events goes', async () => {
    await seedEvents(orm, orgA, [{ userId: u3, tool: 'dropbox', eventType: 'file.saved', occurredAt: '2026-11-20T13:00:00Z' }]);
    await job().run({});
    const later = await report(orgA, '2026-11-20', '2026-11-20');
    expect(later.eventsPerToolPerDay).toEqual([
      { day: '2026-11-20', tool: 'dropbox', events: 1 },
      { day: '2026-11-20', tool: 'github', events: 1 },
    ]);
    expect(later.activity[0]).toMatchObject({ activeUsers: 2, monthlyActiveUsers: 3 });
    await owner.query(`delete from analytics.events where org_id = $1 and tool = 'dropbox'`, [orgA]);
    await job().run({});
    expect((await report(orgA, '2026-11-20', '2026-11-20')).eventsPerToolPerDay).toEqual([
      { day: '2026-11-20', tool: 'github', events: 1 },
    ]);
  });

  it('catches up on the days it missed, from the last day it computed', async () => {
    const threeDaysLater = new Date('2026-11-23T01:00:00Z');
    await job({ now: () => threeDaysLater }).run({ orgId: orgB });
    const { activity } = await report(orgB, '2026-11-19', '2026-11-23');
    expect(activity.map((d) => [d.day, d.monthlyActiveUsers])).toEqual([
      ['2026-11-19', 1],
      ['2026-11-20', 1],
      ['2026-11-21', 1],
      ['2026-11-22', 1],
      ['2026-11-23', 1],
    ]);
  });

  it('goes on with the other organizations when Workflow cannot answer for one, then fails the run', async () => {
    const lost = randomUUID();
    await seedEvents(orm, lost, [{ userId: randomUUID(), tool: 'github', eventType: 'pr.opened', occurredAt: '2026-11-20T08:00:00Z' }]);
    const flaky = {
      activity: (orgId: string, range: { from: string; to: string }) =>
        orgId === lost ? Promise.reject(new Error('Workflow down')) : workflowClient.activity(orgId, range),
    };
    await owner.query('delete from analytics.daily_activity where org_id = $1', [orgB]);
    await expect(job({ workflow: flaky }).run({})).rejects.toThrow('Daily aggregates failed for 1 of 3 organizations');
    expect((await report(orgB, '2026-11-19', '2026-11-20')).activity).toHaveLength(2);
    expect((await report(lost, '2026-11-20', '2026-11-20')).activity).toEqual([]);
  });

  it('refuses job data it does not understand, without retries', async () => {
    await expect(job().run({ days: 0 })).rejects.toThrow(/Invalid daily-aggregates job data/);
    await expect(job().run({ orgId: 'not-a-uuid' })).rejects.toMatchObject({ name: 'UnrecoverableError' });
  });
});

describe('report freshness', () => {
  // A new organization the nightly job has not run for yet: active today.
  const orgC = randomUUID();
  const uC = randomUUID();
  let analytics: RunningServer;
  const REPORT_FIELDS = `from to aggregatedThrough eventsPerToolPerDay { day tool events }
    activity { day activeUsers workflowsCreated executionsSucceeded }`;
  const ask = async (identity: Partial<Identity>, operation: 'query' | 'refresh') => {
    const document =
      operation === 'query'
        ? `query { organizationReport(from: "2026-11-20", to: "2026-11-20") { ${REPORT_FIELDS} } }`
        : `mutation { refreshOrganizationReport(from: "2026-11-20", to: "2026-11-20") { report { ${REPORT_FIELDS} } } }`;
    const response = await postGraphQL<{
      organizationReport?: Record<string, unknown>;
      refreshOrganizationReport?: { report: Record<string, unknown> };
    }>(analytics.url, document, {}, { identity, secret });
    return {
      code: response.errors?.[0]?.extensions?.code,
      report: response.data?.organizationReport ?? response.data?.refreshOrganizationReport?.report,
    };
  };

  beforeAll(async () => {
    const aggregates = new OrganizationAggregates({
      root: orm.em as EntityManager,
      workflow: workflowClient,
      eventRetentionDays: 90,
      now: () => NOW,
    });
    analytics = await startAnalyticsServer({
      orm,
      logger: quiet,
      identitySecret: secret,
      modules: { suggestions: {}, reporting: { aggregates } },
    });
    await seedEvents(orm, orgC, [{ userId: uC, tool: 'github', eventType: 'pr.opened', occurredAt: '2026-11-20T08:00:00Z' }]);
    await createWorkflow(admin(uC, orgC), '2026-11-20T09:00:00Z');
  });

  afterAll(async () => {
    await analytics?.stop();
  });

  it('says the figures were never computed, rather than showing zeros as if they were', async () => {
    expect(await ask(admin(uC, orgC), 'query')).toEqual({
      code: undefined,
      report: { from: '2026-11-20', to: '2026-11-20', aggregatedThrough: null, eventsPerToolPerDay: [], activity: [] },
    });
  });

  it('lets an admin recompute today’s figures now, and says how fresh they are', async () => {
    expect(await ask({ ...admin(uC, orgC), role: 'member' }, 'refresh')).toEqual({ code: 'FORBIDDEN', report: undefined });
    expect((await ask(admin(uC, orgC), 'query')).report?.aggregatedThrough).toBeNull();

    const expected = {
      from: '2026-11-20',
      to: '2026-11-20',
      aggregatedThrough: NOW.toISOString(),
      eventsPerToolPerDay: [{ day: '2026-11-20', tool: 'github', events: 1 }],
      activity: [{ day: '2026-11-20', activeUsers: 1, workflowsCreated: 1, executionsSucceeded: 0 }],
    };
    expect(await ask(admin(uC, orgC), 'refresh')).toEqual({ code: undefined, report: expected });
    expect(await ask(admin(uC, orgC), 'query')).toEqual({ code: undefined, report: expected });
  });

  it('refreshes an organization that has sent no event yet', async () => {
    const quietOrg = randomUUID();
    const { report } = await ask(admin(randomUUID(), quietOrg), 'refresh');
    expect(report).toMatchObject({
      aggregatedThrough: NOW.toISOString(),
      eventsPerToolPerDay: [],
      activity: [{ day: '2026-11-20', activeUsers: 0, workflowsCreated: 0 }],
    });
  });
});

describe('aggregateWindow', () => {
  const today = '2026-11-20';
  const kept = { recomputableDays: 61 };
  it('recomputes yesterday and today once caught up', () => {
    expect(aggregateWindow({ today, days: 2, lastComputedDay: today, firstEventDay: '2026-01-01', ...kept })).toEqual({
      from: '2026-11-19',
      to: today,
    });
  });
  it('starts from the last computed day after missed runs, and from the first event the first time', () => {
    expect(aggregateWindow({ today, days: 2, lastComputedDay: '2026-11-15', firstEventDay: '2026-01-01', ...kept })).toEqual({
      from: '2026-11-15',
      to: today,
    });
    expect(aggregateWindow({ today, days: 2, lastComputedDay: null, firstEventDay: '2026-11-01', ...kept })).toEqual({
      from: '2026-11-01',
      to: today,
    });
    expect(aggregateWindow({ today, days: 2, lastComputedDay: null, firstEventDay: null, ...kept })).toEqual({
      from: '2026-11-19',
      to: today,
    });
  });
  it('backfills the days asked for, but never further back than the events are kept, nor than 366 days', () => {
    expect(aggregateWindow({ today, days: 10, lastComputedDay: today, firstEventDay: null, ...kept })).toEqual({
      from: '2026-11-11',
      to: today,
    });
    expect(aggregateWindow({ today, days: 366, lastComputedDay: today, firstEventDay: null, ...kept })).toEqual({
      from: '2026-09-21',
      to: today,
    });
    expect(aggregateWindow({ today, days: 2, lastComputedDay: null, firstEventDay: '2020-01-01', recomputableDays: 9999 })).toEqual({
      from: '2025-11-20',
      to: today,
    });
  });
});
