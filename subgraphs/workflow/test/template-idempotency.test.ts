import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { codeOf, startTriggerHarness, type TriggerHarness } from '../src/testing/trigger-harness';

/**
 * createWorkflowFromTemplate with an idempotencyKey is safe to repeat (Analytics' acceptSuggestion
 * retries with `suggestion:<id>`): one workflow per key and organization, one trigger, published
 * once, and the webhook secret only for the request that created it.
 */
let h: TriggerHarness;

beforeAll(async () => {
  h = await startTriggerHarness('wf_tplonce');
});

afterAll(async () => {
  await h.close();
});

const CREATE = `mutation($input: CreateWorkflowFromTemplateInput!) {
  createWorkflowFromTemplate(input: $input) { workflow { id name isActive liveVersion { version } triggers { id kind } } webhookSecret }
}`;

const create = (input: Record<string, unknown>, identity?: object) => h.call(CREATE, { input }, identity);

const workflowsWithKey = (key: string) =>
  h.owner<{ id: string; org_id: string; is_active: boolean }>(
    'select id, org_id, is_active from workflow.workflows where idempotency_key = $1 order by org_id',
    [key],
  );
const triggersOf = (workflowId: string) => h.owner('select id from workflow.triggers where workflow_id = $1', [workflowId]);

it('returns the first workflow for a repeated idempotencyKey: one workflow, one trigger, published and activated once', async () => {
  const key = `suggestion:${randomUUID()}`;
  const input = { templateId: 'github-pr-opened-to-slack', parameters: { channel: '#reviews' }, activate: true, idempotencyKey: key };
  const first = await create(input);
  expect(first.errors).toBeUndefined();
  const created = first.data!.createWorkflowFromTemplate.workflow;
  expect(created).toMatchObject({ isActive: true, liveVersion: { version: 1 }, triggers: [{ kind: 'EVENT' }] });

  const again = await create(input);
  expect(again.errors).toBeUndefined();
  expect(again.data!.createWorkflowFromTemplate).toEqual({ workflow: created, webhookSecret: null });
  expect(await workflowsWithKey(key)).toEqual([{ id: created.id, org_id: h.orgId, is_active: true }]);
  expect(await triggersOf(created.id)).toHaveLength(1);
  expect(await h.owner('select version from workflow.workflow_versions where workflow_id = $1', [created.id])).toEqual([{ version: 1 }]);
});

it('returns the webhook secret to the request that created the workflow only', async () => {
  const input = {
    templateId: 'failed-deploy-webhook-to-slack',
    parameters: { channel: '#ops' },
    idempotencyKey: `suggestion:${randomUUID()}`,
  };
  const first = await create(input);
  expect(first.data!.createWorkflowFromTemplate.webhookSecret).toMatch(/^whsec_/);
  const again = await create(input);
  expect(again.data!.createWorkflowFromTemplate).toEqual({
    workflow: first.data!.createWorkflowFromTemplate.workflow,
    webhookSecret: null,
  });
});

it('creates one workflow when two requests with the same key arrive together', async () => {
  const key = `suggestion:${randomUUID()}`;
  const input = { templateId: 'github-pr-opened-to-slack', parameters: { channel: '#race' }, activate: true, idempotencyKey: key };
  // Hold both requests inside their transactions: the first waits to save its version, the second
  // (which cannot see the first's uncommitted workflow) waits on the unique key; then let them go.
  const blocker = new Client({ connectionString: h.db.ownerUrl });
  await blocker.connect();
  try {
    await blocker.query('begin');
    await blocker.query('lock table workflow.workflow_versions in exclusive mode');
    const both = Promise.all([create(input), create(input)]);
    await waitUntil(
      async () =>
        (
          await h.owner<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'`, [
            h.db.name,
          ])
        ).at(0)!.n >= 2,
    );
    await blocker.query('commit');
    const [one, two] = await both;
    expect(one.errors).toBeUndefined();
    expect(two.errors).toBeUndefined();
    const ids = [one, two].map((r) => r.data!.createWorkflowFromTemplate.workflow.id);
    expect(ids[1]).toBe(ids[0]);
    expect([one, two].map((r) => r.data!.createWorkflowFromTemplate.workflow.isActive)).toEqual([true, true]);
    expect(await workflowsWithKey(key)).toEqual([{ id: ids[0], org_id: h.orgId, is_active: true }]);
    expect(await triggersOf(ids[0])).toHaveLength(1);
  } finally {
    await blocker.query('rollback').catch(() => undefined);
    await blocker.end();
  }
});

it('refuses the same key for another template or other parameters with CONFLICT, and creates nothing', async () => {
  const key = `suggestion:${randomUUID()}`;
  const first = await create({ templateId: 'github-pr-opened-to-slack', parameters: { channel: '#reviews' }, idempotencyKey: key });
  const id = first.data!.createWorkflowFromTemplate.workflow.id;

  const otherParameters = await create({
    templateId: 'github-pr-opened-to-slack',
    parameters: { channel: '#general' },
    idempotencyKey: key,
  });
  expect(codeOf(otherParameters)).toBe('CONFLICT');
  expect(otherParameters.errors![0].message).toBe(
    `idempotencyKey "${key}" already created workflow ${id} from another template or other parameters; repeat a request with the same templateId and parameters, or use a new key`,
  );
  const otherTemplate = await create({ templateId: 'github-release-to-teams', parameters: { team: 'Platform' }, idempotencyKey: key });
  expect(codeOf(otherTemplate)).toBe('CONFLICT');
  expect(await workflowsWithKey(key)).toEqual([{ id, org_id: h.orgId, is_active: false }]);

  // A repeat's name and activate are not compared, and change nothing.
  const renamed = await create({
    templateId: 'github-pr-opened-to-slack',
    parameters: { channel: '#reviews' },
    idempotencyKey: key,
    name: 'Other',
    activate: true,
  });
  expect(renamed.data!.createWorkflowFromTemplate.workflow).toMatchObject({
    id,
    isActive: false,
    name: 'Post to Slack when a PR is opened',
  });
});

it('scopes the key to the organization, and checks its length', async () => {
  const key = `suggestion:${randomUUID()}`;
  const input = { templateId: 'github-pr-opened-to-slack', parameters: { channel: '#reviews' }, idempotencyKey: key };
  const ours = await create(input);
  const other = await create(input, { ...h.admin, orgId: randomUUID() });
  expect(other.errors).toBeUndefined();
  expect(other.data!.createWorkflowFromTemplate.workflow.id).not.toBe(ours.data!.createWorkflowFromTemplate.workflow.id);
  expect(await workflowsWithKey(key)).toHaveLength(2);

  for (const idempotencyKey of ['', 'k'.repeat(201)]) {
    const refused = await create({ ...input, idempotencyKey });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'idempotencyKey' }] });
  }
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
