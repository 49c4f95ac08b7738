import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { createLogger, createOrm, inScopedTransaction, loadConfig, type Identity, type RunningServer } from '@flowgraph/kernel';
import { createTestDatabase, postGraphQL, type TestDatabase } from '@flowgraph/kernel/testing';
import { Registry } from 'prom-client';
import { entities } from '../src/entities';
import { ReadReplica } from '../src/modules/reporting/read-replica';
import { startAnalyticsServer } from '../src/server';

const secret = loadConfig().IDENTITY_SECRET;
const quiet = createLogger('analytics', process.env.TEST_LOG ?? 'silent');

/** The primary, and a second database standing in for the read replica with other numbers. */
let primary: { db: TestDatabase; orm: MikroORM; owner: Client; server: RunningServer };
let replica: { db: TestDatabase; orm: MikroORM; owner: Client; server: RunningServer };
/** The "replica" as reports see it (not a standby: nothing to lag behind, so always in use). */
let readReplica: ReadReplica;

const orgA = randomUUID();
const orgB = randomUUID();
const adminA: Partial<Identity> = { userId: randomUUID(), orgId: orgA, role: 'admin', authMethod: 'jwt' };
const adminB: Partial<Identity> = { userId: randomUUID(), orgId: orgB, role: 'admin', authMethod: 'jwt' };

const REPORT = `query($from: Date!, $to: Date!) { organizationReport(from: $from, to: $to) {
  from to
  eventsPerToolPerDay { day tool events }
  activity { day activeUsers monthlyActiveUsers workflowsCreated executionsSucceeded executionsFailed executionSuccessRate }
  suggestions { offered accepted dismissed acceptanceRate }
  activationFunnel { signedUp firstEvent firstWorkflow firstSuccessfulRun }
} }`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Report = Record<string, any>;
const ask = (server: RunningServer, identity: Partial<Identity>, from: string, to: string) =>
  postGraphQL<{ organizationReport: Report }>(server.url, REPORT, { from, to }, { identity, secret });

interface ActivitySeed {
  day: string;
  active?: number;
  monthly?: number;
  created?: number;
  succeeded?: number;
  failed?: number;
  offered?: number;
  accepted?: number;
  dismissed?: number;
}

/** Aggregates as the daily job leaves them (written as the owner: these tests are about reading). */
async function seedAggregates(
  owner: Client,
  orgId: string,
  seed: {
    tools?: [string, string, number][];
    days?: ActivitySeed[];
    members?: [string | null, string | null, string | null, string | null][];
  },
) {
  for (const [day, tool, events] of seed.tools ?? []) {
    await owner.query('insert into analytics.daily_tool_events (org_id, day, tool, events) values ($1, $2, $3, $4)', [
      orgId,
      day,
      tool,
      events,
    ]);
  }
  for (const d of seed.days ?? []) {
    await owner.query(
      `insert into analytics.daily_activity (org_id, day, active_users, monthly_active_users, workflows_created, executions_succeeded,
         executions_failed, suggestions_offered, suggestions_accepted, suggestions_dismissed) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        orgId,
        d.day,
        d.active ?? 0,
        d.monthly ?? 0,
        d.created ?? 0,
        d.succeeded ?? 0,
        d.failed ?? 0,
        d.offered ?? 0,
        d.accepted ?? 0,
        d.dismissed ?? 0,
      ],
    );
  }
  for (const [signedUpAt, firstEventAt, firstWorkflowAt, firstRunAt] of seed.members ?? []) {
    await owner.query(
      `insert into analytics.user_milestones (org_id, user_id, signed_up_at, first_event_at, first_workflow_at, first_successful_run_at)
       values ($1, $2, $3, $4, $5, $6)`,
      [orgId, randomUUID(), signedUpAt, firstEventAt, firstWorkflowAt, firstRunAt],
    );
  }
}

async function startDatabase(name: string) {
  const db = await createTestDatabase(name);
  const orm = await createOrm({ url: db.appUrl, entities, poolMax: 4 });
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  return { db, orm, owner };
}

beforeAll(async () => {
  const main = await startDatabase('an_report');
  const copy = await startDatabase('an_replica');
  primary = {
    ...main,
    server: await startAnalyticsServer({
      orm: main.orm,
      logger: quiet,
      identitySecret: secret,
      modules: { suggestions: {}, reporting: {} },
    }),
  };
  // The same primary, with reports sent to the "replica".
  readReplica = new ReadReplica({ orm: copy.orm, logger: quiet, registry: new Registry() });
  await readReplica.start();
  replica = {
    ...copy,
    server: await startAnalyticsServer({
      orm: main.orm,
      logger: quiet,
      identitySecret: secret,
      modules: { suggestions: {}, reporting: { replica: readReplica } },
    }),
  };

  await seedAggregates(primary.owner, orgA, {
    tools: [
      ['2026-03-01', 'slack', 4],
      ['2026-03-01', 'github', 2],
      ['2026-03-02', 'github', 5],
      ['2026-02-28', 'github', 9],
    ],
    days: [
      { day: '2026-02-28', active: 9, offered: 5, accepted: 4 },
      { day: '2026-03-01', active: 3, monthly: 7, created: 2, succeeded: 3, failed: 1, offered: 4, accepted: 1, dismissed: 2 },
      { day: '2026-03-02', active: 1, monthly: 7, offered: 1, accepted: 2 },
    ],
    members: [
      ['2026-02-28T23:59:59.999Z', '2026-03-01T00:00:00Z', null, null], // joined the day before
      ['2026-03-01T00:00:00Z', '2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z', '2026-03-01T12:00:00Z'],
      ['2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z', null],
      ['2026-03-02T23:59:59.999Z', null, '2026-03-03T08:00:00Z', '2026-03-03T09:00:00Z'], // a workflow, never an event
      ['2026-03-03T00:00:00Z', '2026-03-03T01:00:00Z', null, null], // joined the day after
      [null, '2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z', null], // joined before Analytics saw joins
    ],
  });
  await seedAggregates(primary.owner, orgB, {
    tools: [['2026-03-01', 'dropbox', 11]],
    days: [{ day: '2026-03-01', active: 8, monthly: 8, created: 6, succeeded: 6, offered: 6 }],
    members: [['2026-03-01T10:00:00Z', null, null, null]],
  });
  await seedAggregates(replica.owner, orgA, {
    tools: [['2026-03-01', 'teams', 42]],
    days: [{ day: '2026-03-01', active: 42, monthly: 42, created: 1, succeeded: 1, offered: 1 }],
    members: [['2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z', null, null]],
  });
  await seedAggregates(replica.owner, orgB, { tools: [['2026-03-01', 'teams', 7]] });
});

afterAll(async () => {
  await readReplica?.close(); // stops its checks; the ORM is closed below
  for (const side of [replica, primary]) {
    await side?.server.stop();
    await side?.orm.close(true);
    await side?.owner.end();
    await side?.db.drop();
  }
});

describe('organizationReport', () => {
  it('gives an admin the organization’s dashboards for the days asked, from the daily aggregates', async () => {
    const response = await ask(primary.server, adminA, '2026-03-01', '2026-03-02');
    expect(response.errors).toBeUndefined();
    expect(response.data!.organizationReport).toEqual({
      from: '2026-03-01',
      to: '2026-03-02',
      eventsPerToolPerDay: [
        { day: '2026-03-01', tool: 'github', events: 2 },
        { day: '2026-03-01', tool: 'slack', events: 4 },
        { day: '2026-03-02', tool: 'github', events: 5 },
      ],
      activity: [
        {
          day: '2026-03-01',
          activeUsers: 3,
          monthlyActiveUsers: 7,
          workflowsCreated: 2,
          executionsSucceeded: 3,
          executionsFailed: 1,
          executionSuccessRate: 0.75,
        },
        // Nothing finished: no rate rather than a made-up one.
        {
          day: '2026-03-02',
          activeUsers: 1,
          monthlyActiveUsers: 7,
          workflowsCreated: 0,
          executionsSucceeded: 0,
          executionsFailed: 0,
          executionSuccessRate: null,
        },
      ],
      suggestions: { offered: 5, accepted: 3, dismissed: 2, acceptanceRate: 0.6 },
      // Joined from the 1st 00:00 to the 2nd 23:59:59.999: three; two sent an event; both made a
      // workflow; one ran it. The member with a workflow but no event stops at the second step.
      activationFunnel: { signedUp: 3, firstEvent: 2, firstWorkflow: 2, firstSuccessfulRun: 1 },
    });
  });

  it('caps the acceptance rate at 1 when more were accepted than offered in the period', async () => {
    // Accepted on the 2nd, offered before it.
    const capped = await ask(primary.server, adminA, '2026-03-02', '2026-03-02');
    expect(capped.data!.organizationReport.suggestions).toEqual({ offered: 1, accepted: 2, dismissed: 0, acceptanceRate: 1 });
    const longer = await ask(primary.server, adminA, '2026-02-28', '2026-03-02');
    expect(longer.data!.organizationReport.suggestions).toEqual({ offered: 10, accepted: 7, dismissed: 2, acceptanceRate: 0.7 });
  });

  it('shows days never computed as no rows, and an empty report as zeros', async () => {
    const response = await ask(primary.server, adminA, '2025-01-01', '2025-01-31');
    expect(response.data!.organizationReport).toMatchObject({
      eventsPerToolPerDay: [],
      activity: [],
      suggestions: { offered: 0, accepted: 0, dismissed: 0, acceptanceRate: null },
      activationFunnel: { signedUp: 0, firstEvent: 0, firstWorkflow: 0, firstSuccessfulRun: 0 },
    });
  });

  it('never shows another organization’s numbers', async () => {
    const response = await ask(primary.server, adminB, '2026-02-01', '2026-03-31');
    expect(response.data!.organizationReport).toMatchObject({
      eventsPerToolPerDay: [{ day: '2026-03-01', tool: 'dropbox', events: 11 }],
      activity: [{ day: '2026-03-01', activeUsers: 8, executionSuccessRate: 1 }],
      suggestions: { offered: 6, accepted: 0, acceptanceRate: 0 },
      activationFunnel: { signedUp: 1, firstEvent: 0 },
    });
  });

  it('is for admins and owners; an API key also needs reports:read', async () => {
    const code = async (identity: Partial<Identity>) =>
      (await ask(primary.server, identity, '2026-03-01', '2026-03-01')).errors?.[0]?.extensions?.code;
    expect(await code({ ...adminA, role: 'member' })).toBe('FORBIDDEN');
    expect(await code({ ...adminA, role: 'viewer' })).toBe('FORBIDDEN');
    expect(await code({})).toBe('UNAUTHENTICATED');
    expect(await code({ ...adminA, authMethod: 'api_key', scopes: ['patterns:read'] })).toBe('FORBIDDEN');
    expect(await code({ ...adminA, authMethod: 'api_key', scopes: ['reports:read'] })).toBeUndefined();
    expect(await code({ ...adminA, role: 'owner' })).toBeUndefined();
  });

  it('refuses an inverted or longer-than-366-days range, naming the field', async () => {
    const details = async (from: string, to: string) => {
      const response = await ask(primary.server, adminA, from, to);
      expect(response.errors?.[0]?.extensions?.code).toBe('VALIDATION_ERROR');
      return response.errors?.[0]?.extensions?.details;
    };
    expect(await details('2026-03-02', '2026-03-01')).toEqual([{ field: 'to', message: 'Must not be before from' }]);
    expect(await details('2024-01-01', '2025-01-01')).toEqual([
      { field: 'to', message: 'Must be at most 366 days from from, both included (got 367)' },
    ]);
    for (const [from, to] of [
      ['2024-01-01', '2024-12-31'],
      ['2025-01-01', '2026-01-01'],
    ]) {
      expect((await ask(primary.server, adminA, from, to)).errors).toBeUndefined(); // 366 days
    }
    const notADate = await ask(primary.server, adminA, '2026-02-30', '2026-03-01');
    expect(notADate.errors?.[0]?.extensions?.code).toBe('VALIDATION_ERROR');
  });
});

describe('with a read replica', () => {
  it('reads the replica, not the primary', async () => {
    const response = await ask(replica.server, adminA, '2026-03-01', '2026-03-02');
    expect(response.errors).toBeUndefined();
    expect(response.data!.organizationReport).toEqual({
      from: '2026-03-01',
      to: '2026-03-02',
      eventsPerToolPerDay: [{ day: '2026-03-01', tool: 'teams', events: 42 }],
      activity: [
        {
          day: '2026-03-01',
          activeUsers: 42,
          monthlyActiveUsers: 42,
          workflowsCreated: 1,
          executionsSucceeded: 1,
          executionsFailed: 0,
          executionSuccessRate: 1,
        },
      ],
      suggestions: { offered: 1, accepted: 0, dismissed: 0, acceptanceRate: 0 },
      activationFunnel: { signedUp: 1, firstEvent: 1, firstWorkflow: 0, firstSuccessfulRun: 0 },
    });
  });

  it('scopes replica reads to the caller’s organization and still checks the role', async () => {
    const theirs = await ask(replica.server, adminB, '2026-03-01', '2026-03-01');
    expect(theirs.data!.organizationReport.eventsPerToolPerDay).toEqual([{ day: '2026-03-01', tool: 'teams', events: 7 }]);
    expect(theirs.data!.organizationReport.activity).toEqual([]);
    const member = await ask(replica.server, { ...adminA, role: 'member' }, '2026-03-01', '2026-03-01');
    expect(member.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('reads in a read-only transaction where row-level security applies', async () => {
    const root = replica.orm.em as EntityManager;
    const visible = await inScopedTransaction(
      root,
      { orgId: orgB },
      (em) => em.execute<{ tool: string; events: number }[]>('select tool, events from analytics.daily_tool_events'),
      { readOnly: true },
    );
    expect(visible).toEqual([{ tool: 'teams', events: 7 }]);
    await expect(
      inScopedTransaction(
        root,
        { orgId: orgB },
        (em) => em.execute(`insert into analytics.daily_tool_events values (?, '2026-03-05', 'x', 1)`, [orgB]),
        { readOnly: true },
      ),
    ).rejects.toThrow(/read-only transaction/);
  });
});
