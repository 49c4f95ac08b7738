import { randomUUID } from 'node:crypto';
import { signIdentity, type Identity } from '@flowgraph/kernel';
import { startTriggerHarness, type TriggerHarness } from '../src/testing/trigger-harness';

let h: TriggerHarness;
const orgB = randomUUID();
const ann = randomUUID();
const bob = randomUUID();

interface ActivityBody {
  from: string;
  to: string;
  days: { day: string; workflowsCreated: number; executionsSucceeded: number; executionsFailed: number }[];
  users: { userId: string; firstWorkflowAt: string; firstSuccessfulRunAt: string | null }[];
  error?: { code: string; details?: { field: string; message: string }[] };
}

async function getActivity(query: string, identity?: Partial<Identity> | null): Promise<{ status: number; body: ActivityBody }> {
  const headers: Record<string, string> = {};
  const url = new URL(`/internal/activity?${query}`, h.server.url);
  if (identity !== null) {
    Object.assign(
      headers,
      signIdentity({ requestId: randomUUID(), scopes: [], authMethod: 'service', orgId: h.orgId, ...identity }, h.config.IDENTITY_SECRET, {
        method: 'GET',
        target: url,
      }),
    );
  }
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as ActivityBody };
}

async function workflow(orgId: string, userId: string, createdAt: string, deletedAt: string | null = null): Promise<string> {
  const id = randomUUID();
  await h.owner(
    `insert into workflow.workflows (id, org_id, user_id, name, created_at, updated_at, deleted_at) values ($1, $2, $3, 'wf', $4, $4, $5)`,
    [id, orgId, userId, createdAt, deletedAt],
  );
  return id;
}

async function execution(orgId: string, workflowId: string, status: string, queuedAt: string, finishedAt: string | null): Promise<void> {
  await h.owner(
    `insert into workflow.executions (id, org_id, workflow_id, version, status, trigger_kind, queued_at, started_at, finished_at)
     values ($1, $2, $3, 1, $4, 'manual', $5, $5, $6)`,
    [randomUUID(), orgId, workflowId, status, queuedAt, finishedAt],
  );
}

beforeAll(async () => {
  h = await startTriggerHarness('wf_activity');
  // Ann: a workflow before the range (her first), one in it, and a deleted one in it.
  const early = await workflow(h.orgId, ann, '2026-02-28T23:00:00Z');
  const main = await workflow(h.orgId, ann, '2026-03-01T10:00:00Z');
  await workflow(h.orgId, ann, '2026-03-01T11:00:00Z', '2026-03-01T12:00:00Z');
  // Bob: one workflow at the last millisecond of March 2nd, never run successfully.
  const bobs = await workflow(h.orgId, bob, '2026-03-02T23:59:59.999Z');
  await execution(h.orgId, main, 'succeeded', '2026-03-01T11:59:00Z', '2026-03-01T12:00:00Z');
  await execution(h.orgId, main, 'failed', '2026-03-01T23:59:00Z', '2026-03-02T00:00:00Z'); // finished on the 2nd: counts there
  await execution(h.orgId, main, 'cancelled', '2026-03-02T08:00:00Z', '2026-03-02T08:01:00Z'); // neither outcome
  await execution(h.orgId, main, 'running', '2026-03-03T08:00:00Z', null);
  await execution(h.orgId, main, 'succeeded', '2026-03-04T08:00:00Z', '2026-03-04T08:01:00Z'); // after the range
  // Ann's first successful run is the earliest to finish, though it started after another success.
  await execution(h.orgId, early, 'succeeded', '2026-02-28T23:30:00Z', '2026-03-01T13:00:00Z');
  await execution(h.orgId, early, 'succeeded', '2026-03-01T08:00:00Z', '2026-03-01T08:05:00Z');
  await execution(h.orgId, bobs, 'failed', '2026-03-03T08:00:00Z', '2026-03-03T08:00:01Z');
  // Another organization, busy on the same days.
  const theirs = await workflow(orgB, randomUUID(), '2026-03-01T09:00:00Z');
  await execution(orgB, theirs, 'succeeded', '2026-03-01T09:30:00Z', '2026-03-01T09:31:00Z');
});
afterAll(() => h.close());

it('counts workflows created and executions finished per UTC day, zeros included', async () => {
  const { status, body } = await getActivity('from=2026-03-01&to=2026-03-03');
  expect(status).toBe(200);
  expect(body.from).toBe('2026-03-01');
  expect(body.to).toBe('2026-03-03');
  expect(body.days).toEqual([
    // The deleted workflow still was created; the one of the 28th is outside the range.
    { day: '2026-03-01', workflowsCreated: 2, executionsSucceeded: 3, executionsFailed: 0 },
    { day: '2026-03-02', workflowsCreated: 1, executionsSucceeded: 0, executionsFailed: 1 },
    { day: '2026-03-03', workflowsCreated: 0, executionsSucceeded: 0, executionsFailed: 1 },
  ]);
});

it('gives each workflow owner’s first workflow and first successful run, whatever the range', async () => {
  const { body } = await getActivity('from=2026-06-01&to=2026-06-01');
  expect(body.days).toEqual([{ day: '2026-06-01', workflowsCreated: 0, executionsSucceeded: 0, executionsFailed: 0 }]);
  const byUser = Object.fromEntries(body.users.map((u) => [u.userId, u]));
  expect(Object.keys(byUser).sort()).toEqual([ann, bob].sort());
  expect(byUser[ann]).toEqual({
    userId: ann,
    firstWorkflowAt: '2026-02-28T23:00:00.000Z',
    firstSuccessfulRunAt: '2026-03-01T08:05:00.000Z',
  });
  expect(byUser[bob]).toEqual({ userId: bob, firstWorkflowAt: '2026-03-02T23:59:59.999Z', firstSuccessfulRunAt: null });
});

it('answers for the calling organization only', async () => {
  const { body } = await getActivity('from=2026-03-01&to=2026-03-01', { orgId: orgB });
  expect(body.days).toEqual([{ day: '2026-03-01', workflowsCreated: 1, executionsSucceeded: 1, executionsFailed: 0 }]);
  expect(body.users).toHaveLength(1);
  expect(body.users[0].userId).not.toBe(ann);
  const nobody = await getActivity('from=2026-03-01&to=2026-03-01', { orgId: randomUUID() });
  expect(nobody.body.users).toEqual([]);
  expect(nobody.body.days[0].workflowsCreated).toBe(0);
});

it('accepts a signed service identity acting in an organization only', async () => {
  const query = 'from=2026-03-01&to=2026-03-01';
  expect((await getActivity(query, null)).status).toBe(401);
  const asUser = await getActivity(query, { authMethod: 'jwt', userId: ann, role: 'owner' });
  expect(asUser.status).toBe(401);
  expect(asUser.body.error?.code).toBe('UNAUTHENTICATED');
  expect((await getActivity(query, { orgId: undefined })).status).toBe(401);
  const url = new URL(`/internal/activity?${query}`, h.server.url);
  const forged = await fetch(url, {
    headers: signIdentity({ requestId: randomUUID(), scopes: [], authMethod: 'service', orgId: h.orgId }, 'not the secret', {
      method: 'GET',
      target: url,
    }),
  });
  expect(forged.status).toBe(401);
});

it('validates the range field by field: real dates, from before to, at most 366 days', async () => {
  const fields = async (query: string) => {
    const { status, body } = await getActivity(query);
    expect(status).toBe(400);
    expect(body.error?.code).toBe('VALIDATION_ERROR');
    return body.error!.details!.map((d) => d.field);
  };
  expect(await fields('to=2026-03-01')).toEqual(['from']);
  expect(await fields('from=2026-02-30&to=March')).toEqual(['from', 'to']);
  expect(await fields('from=2026-13-01&to=2026-12-01T00:00')).toEqual(['from', 'to']);
  expect(await fields('from=2026-03-02&to=2026-03-01')).toEqual(['to']);
  expect(await fields('from=2024-01-01&to=2025-01-01')).toEqual(['to']); // 367 days
  expect(await fields('from=2026-03-01&to=2026-03-01&from=2026-03-02')).toEqual(['from']);
  const leapYear = await getActivity('from=2024-01-01&to=2024-12-31'); // 366 days
  expect(leapYear.status).toBe(200);
  expect(leapYear.body.days).toHaveLength(366);
});
