import { randomUUID } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createLogger, createRedis } from '@flowgraph/kernel';
import { bullPrefix } from '../src/jobs/queues';
import { startWorkflowsWorker } from '../src/modules/workflows/workflows.worker';
import { PURGE_DELETED_WORKFLOWS_JOB } from '../src/modules/workflows/purge-deleted-workflows.job';
import { codeOf, startTriggerHarness, type TriggerHarness } from '../src/testing/trigger-harness';

let h: TriggerHarness;
const outsider = { userId: randomUUID(), orgId: randomUUID(), role: 'owner' as const };

beforeAll(async () => {
  h = await startTriggerHarness('wf_api');
});

afterAll(async () => {
  await h.close();
});

const transform = (id: string, expression = '$') => ({ id, type: 'transform', config: { expression } });
const definitionOf = (...ids: string[]) => ({
  steps: ids.map((id) => transform(id)),
  edges: ids.slice(1).map((id, i) => ({ from: ids[i], to: id })),
});

const WORKFLOW = `id name description tags isActive concurrencyLimit deletedAt
  owner { id } organization { id }
  liveVersion { version isLive } latestVersion { version isLive definition createdBy { id } }`;

async function create(input: Record<string, unknown>, identity: object = h.admin) {
  return h.call(
    `mutation($input: CreateWorkflowInput!) { createWorkflow(input: $input) { workflow { ${WORKFLOW} } } }`,
    { input },
    identity,
  );
}
async function createId(input: Record<string, unknown> = { name: 'wf' }): Promise<string> {
  const response = await create(input);
  expect(response.errors).toBeUndefined();
  return response.data!.createWorkflow.workflow.id;
}
const update = (id: string, input: Record<string, unknown>, identity: object = h.admin) =>
  h.call(
    `mutation($id: ID!, $input: UpdateWorkflowInput!) { updateWorkflow(id: $id, input: $input) { workflow { ${WORKFLOW} } } }`,
    { id, input },
    identity,
  );
const publish = (id: string, version: number, identity: object = h.admin) =>
  h.call(
    `mutation($id: ID!, $v: Int!) { publishWorkflow(id: $id, version: $v) { workflow { ${WORKFLOW} } } }`,
    { id, v: version },
    identity,
  );
const rollback = (id: string, toVersion: number) =>
  h.call(`mutation($id: ID!, $v: Int!) { rollbackWorkflow(id: $id, toVersion: $v) { workflow { ${WORKFLOW} } } }`, { id, v: toVersion });
const setActive = (id: string, active: boolean, identity: object = h.admin) =>
  h.call(
    `mutation($id: ID!, $a: Boolean!) { setWorkflowActive(id: $id, active: $a) { workflow { isActive } } }`,
    { id, a: active },
    identity,
  );
const remove = (id: string, identity: object = h.admin) =>
  h.call(`mutation($id: ID!) { deleteWorkflow(id: $id) { workflow { id deletedAt } restorableUntil } }`, { id }, identity);
const restore = (id: string) => h.call(`mutation($id: ID!) { restoreWorkflow(id: $id) { workflow { id deletedAt } } }`, { id });
const get = (id: string, identity: object = h.admin) =>
  h.call(
    `query($id: ID!) { workflow(id: $id) { ${WORKFLOW} versions(first: 10) { edges { node { version isLive } } } } }`,
    { id },
    identity,
  );

describe('createWorkflow', () => {
  it('creates an inactive workflow with details and its first version, not yet live', async () => {
    const response = await create({
      name: ' Deploy alerts ',
      description: 'Tells #ops',
      tags: ['ops', 'ops', 'alerts'],
      concurrencyLimit: 3,
      definition: definitionOf('a', 'b'),
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.createWorkflow.workflow).toMatchObject({
      name: 'Deploy alerts',
      description: 'Tells #ops',
      tags: ['ops', 'alerts'],
      isActive: false,
      concurrencyLimit: 3,
      owner: { id: h.admin.userId },
      organization: { id: h.orgId },
      liveVersion: null,
      latestVersion: { version: 1, isLive: false, createdBy: { id: h.admin.userId } },
    });
    expect(response.data!.createWorkflow.workflow.latestVersion.definition.steps.map((s: { id: string }) => s.id)).toEqual(['a', 'b']);
  });

  it('starts an empty workflow when no definition is given, with the default concurrency', async () => {
    const workflow = (await create({ name: 'empty' })).data!.createWorkflow.workflow;
    expect(workflow.latestVersion.definition).toEqual({ steps: [], edges: [] });
    expect(workflow.concurrencyLimit).toBe(5);
  });

  it('reports every limit broken, each on its field', async () => {
    const response = await create({
      name: 'x'.repeat(201),
      description: 'd'.repeat(2001),
      tags: [...Array.from({ length: 21 }, (_, i) => `t${i}`)],
      concurrencyLimit: 101,
    });
    expect(codeOf(response)).toBe('VALIDATION_ERROR');
    expect((response.errors![0].extensions!.details as { field: string }[]).map((d) => d.field)).toEqual([
      'name',
      'description',
      'tags',
      'concurrencyLimit',
    ]);
    const tag = await create({ name: 'ok', tags: ['', 'y'.repeat(51)] });
    expect((tag.errors![0].extensions!.details as { field: string }[]).map((d) => d.field)).toEqual(['tags[0]', 'tags[1]']);
  });

  it('refuses an invalid definition with one detail per problem', async () => {
    const response = await create({
      name: 'bad',
      definition: { steps: [transform('a'), { id: 'b', type: 'fax', config: {} }], edges: [{ from: 'a', to: 'c' }] },
    });
    expect(response.errors![0].extensions).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [
        { field: 'definition.steps[1].type', message: expect.stringContaining("Unknown step type 'fax'") },
        { field: 'definition.edges[0].to', message: "No step has the id 'c'" },
      ],
    });
  });

  it('refuses a definition over 256 KiB', async () => {
    const response = await create({
      name: 'huge',
      definition: { steps: [{ id: 'a', type: 'notify', config: { message: 'x' } }], padding: 'p'.repeat(262_144) },
    });
    expect(response.errors![0].extensions).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'definition' }] });
  });
});

describe('versions', () => {
  it('saves each definition as a new version without making it live, and publishes and rolls back', async () => {
    const id = await createId({ name: 'versioned', definition: definitionOf('a') });
    const renamed = await update(id, { name: 'renamed' });
    expect(renamed.data!.updateWorkflow.workflow).toMatchObject({ name: 'renamed', latestVersion: { version: 1 } });

    const v2 = await update(id, { definition: definitionOf('a', 'b') });
    expect(v2.data!.updateWorkflow.workflow).toMatchObject({ latestVersion: { version: 2, isLive: false }, liveVersion: null });
    await update(id, { definition: definitionOf('a', 'b', 'c') });

    expect((await publish(id, 2)).data!.publishWorkflow.workflow).toMatchObject({
      liveVersion: { version: 2, isLive: true },
      latestVersion: { version: 3, isLive: false },
    });
    expect((await publish(id, 3)).data!.publishWorkflow.workflow.liveVersion.version).toBe(3);
    expect((await rollback(id, 1)).data!.rollbackWorkflow.workflow.liveVersion).toEqual({ version: 1, isLive: true });

    const fetched = (await get(id)).data!.workflow;
    expect(fetched.versions.edges.map((e: { node: { version: number; isLive: boolean } }) => [e.node.version, e.node.isLive])).toEqual([
      [3, false],
      [2, false],
      [1, true],
    ]);
  });

  it('numbers concurrent saves without gaps or duplicates', async () => {
    const id = await createId({ name: 'racing' });
    const saves = await Promise.all(Array.from({ length: 6 }, (_, i) => update(id, { definition: definitionOf(`s${i}`) })));
    expect(saves.every((r) => r.errors === undefined)).toBe(true);
    const rows = await h.owner<{ version: number }>(
      'select version from workflow.workflow_versions where workflow_id = $1 order by version',
      [id],
    );
    expect(rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect((await get(id)).data!.workflow.latestVersion.version).toBe(7);
  });

  it('pages versions newest first with a cursor', async () => {
    const id = await createId({ name: 'many versions' });
    for (let i = 0; i < 4; i++) await update(id, { definition: definitionOf(`s${i}`) });
    const page = (after?: string) =>
      h.call(
        `query($id: ID!, $after: String) { workflow(id: $id) { versions(first: 2, after: $after) { edges { node { version } } pageInfo { hasNextPage endCursor } } } }`,
        { id, after },
      );
    const first = (await page()).data!.workflow.versions;
    expect(first.edges.map((e: { node: { version: number } }) => e.node.version)).toEqual([5, 4]);
    const second = (await page(first.pageInfo.endCursor)).data!.workflow.versions;
    expect(second.edges.map((e: { node: { version: number } }) => e.node.version)).toEqual([3, 2]);
    expect(second.pageInfo.hasNextPage).toBe(true);
  });

  it('refuses to publish a version that does not exist, and a rollback that is not to an earlier version', async () => {
    const id = await createId({ name: 'strict', definition: definitionOf('a') });
    await update(id, { definition: definitionOf('b') });
    expect((await publish(id, 3)).errors![0].extensions).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'version' }] });
    expect((await rollback(id, 1)).errors![0].extensions).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'toVersion' }] });
    await publish(id, 1);
    expect(codeOf(await rollback(id, 1))).toBe('VALIDATION_ERROR');
    expect(codeOf(await rollback(id, 2))).toBe('VALIDATION_ERROR');
    expect(codeOf(await rollback(id, 0))).toBe('VALIDATION_ERROR');
  });

  it('keeps versions immutable for the application role', async () => {
    const id = await createId({ name: 'immutable', definition: definitionOf('a') });
    const em = h.orm.em.fork();
    await em.begin();
    try {
      await em.execute(`select set_config('app.org_id', ?, true)`, [h.orgId]);
      await expect(em.execute(`update workflow.workflow_versions set definition = '{}' where workflow_id = ?`, [id])).rejects.toThrow(
        /permission denied|immutable/,
      );
    } finally {
      await em.rollback();
    }
    const [row] = await h.owner<{ definition: { steps: unknown[] } }>(
      'select definition from workflow.workflow_versions where workflow_id = $1',
      [id],
    );
    expect(row.definition.steps).toHaveLength(1);
  });
});

describe('activation, RBAC and deletion', () => {
  it('activates only a published workflow, for admins only', async () => {
    const id = await createId({ name: 'activate', definition: definitionOf('a') });
    expect((await setActive(id, true)).errors![0].extensions).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'active' }] });
    await publish(id, 1);
    expect(codeOf(await setActive(id, true, { ...h.admin, role: 'member' }))).toBe('FORBIDDEN');
    expect((await setActive(id, true)).data!.setWorkflowActive.workflow.isActive).toBe(true);
    expect((await setActive(id, false)).data!.setWorkflowActive.workflow.isActive).toBe(false);
  });

  it('lets viewers read but not edit, publish, roll back or delete; API keys need the scopes', async () => {
    const id = await createId({ name: 'rbac', definition: definitionOf('a') });
    for (const role of ['viewer', 'member']) {
      const identity = { ...h.admin, role };
      expect((await get(id, identity)).data!.workflow.name).toBe('rbac');
      expect(codeOf(await update(id, { name: 'x' }, identity))).toBe('FORBIDDEN');
      expect(codeOf(await publish(id, 1, identity))).toBe('FORBIDDEN');
      expect(codeOf(await remove(id, identity))).toBe('FORBIDDEN');
    }
    const readKey = { ...h.admin, authMethod: 'api_key', scopes: ['workflows:read'] };
    expect((await get(id, readKey)).data!.workflow.name).toBe('rbac');
    expect(codeOf(await update(id, { name: 'x' }, readKey))).toBe('FORBIDDEN');
    expect(codeOf(await get(id, { ...readKey, scopes: [] }))).toBe('FORBIDDEN');
  });

  it('soft-deletes: hidden from lists, readable by id with deletedAt, not editable, restorable', async () => {
    const id = await createId({ name: 'deleted-then-restored', definition: definitionOf('a') });
    const deleted = await remove(id);
    const { workflow, restorableUntil } = deleted.data!.deleteWorkflow;
    expect(workflow.deletedAt).not.toBeNull();
    expect(new Date(restorableUntil).getTime() - new Date(workflow.deletedAt).getTime()).toBe(30 * 86_400_000);

    const listed = await h.call('{ workflows(first: 100) { edges { node { id } } } }');
    expect(listed.data!.workflows.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(id);
    expect((await get(id)).data!.workflow.deletedAt).toBe(workflow.deletedAt);
    expect(codeOf(await update(id, { name: 'x' }))).toBe('CONFLICT');

    expect((await restore(id)).data!.restoreWorkflow.workflow.deletedAt).toBeNull();
    const relisted = await h.call('{ workflows(first: 100) { edges { node { id } } } }');
    expect(relisted.data!.workflows.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(id);
  });

  it('cannot restore after 30 days: NOT_FOUND, and the daily purge (a real worker job) removes it with its versions', async () => {
    const id = await createId({ name: 'too late', definition: definitionOf('a') });
    const recent = await createId({ name: 'recently deleted' });
    await remove(id);
    await remove(recent);
    await h.owner(`update workflow.workflows set deleted_at = now() - interval '31 days' where id = $1`, [id]);
    expect(codeOf(await restore(id))).toBe('NOT_FOUND');
    expect((await get(id)).data!.workflow).toBeNull();

    const prefix = bullPrefix(h.config.REDIS_PREFIX);
    const maintenance = await startWorkflowsWorker({
      root: h.orm.em as EntityManager,
      connection: h.redis,
      prefix,
      logger: createLogger('test', 'silent'),
    });
    const eventsConnection = createRedis(h.config.REDIS_URL, { forWorkers: true });
    const events = new QueueEvents(maintenance.queue.name, { connection: eventsConnection, prefix });
    try {
      await events.waitUntilReady();
      const schedulers = await maintenance.queue.getJobSchedulers();
      expect(schedulers).toEqual(
        expect.arrayContaining([expect.objectContaining({ key: PURGE_DELETED_WORKFLOWS_JOB, pattern: '30 3 * * *', tz: 'UTC' })]),
      );
      const job = await maintenance.queue.add(PURGE_DELETED_WORKFLOWS_JOB, {});
      const result = (await job.waitUntilFinished(events, 10_000)) as { purged: number };
      expect(result.purged).toBeGreaterThanOrEqual(1);
    } finally {
      await events.close();
      eventsConnection.disconnect();
      await maintenance.close();
    }
    expect(await h.owner('select id from workflow.workflows where id = $1', [id])).toEqual([]);
    expect(await h.owner('select id from workflow.workflow_versions where workflow_id = $1', [id])).toEqual([]);
    expect(await h.owner('select id from workflow.workflows where id = $1', [recent])).toHaveLength(1);
  });

  it('keeps organizations apart by id and in every mutation', async () => {
    const id = await createId({ name: 'private', definition: definitionOf('a') });
    expect((await get(id, outsider)).data!.workflow).toBeNull();
    expect(codeOf(await update(id, { name: 'stolen' }, outsider))).toBe('NOT_FOUND');
    expect(codeOf(await publish(id, 1, outsider))).toBe('NOT_FOUND');
    expect(codeOf(await setActive(id, false, outsider))).toBe('NOT_FOUND');
    expect(codeOf(await remove(id, outsider))).toBe('NOT_FOUND');
    const entity = await h.call(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Workflow { id name } } }`,
      { reps: [{ __typename: 'Workflow', id }] },
      outsider,
    );
    expect(entity.data!._entities).toEqual([null]);
    expect((await get(id)).data!.workflow.name).toBe('private');
  });

  it('refuses a malformed id as a VALIDATION_ERROR, in queries and mutations alike', async () => {
    expect(codeOf(await get('not-a-uuid'))).toBe('VALIDATION_ERROR');
    expect(codeOf(await update('not-a-uuid', { name: 'x' }))).toBe('VALIDATION_ERROR');
  });
});

describe('templates', () => {
  it('lists the catalog and shows one template with its parameter names', async () => {
    const all = await h.call('{ workflowTemplates { id connectors parameters } }', {}, { ...h.admin, role: 'viewer' });
    expect(all.data!.workflowTemplates.length).toBeGreaterThanOrEqual(8);
    const one = await h.call('{ workflowTemplate(id: "github-pr-opened-to-slack") { name parameters definition } }');
    expect(one.data!.workflowTemplate).toMatchObject({ name: 'Post to Slack when a PR is opened', parameters: ['channel'] });
    expect((await h.call('{ workflowTemplate(id: "nope") { id } }')).data!.workflowTemplate).toBeNull();
  });

  it('creates a workflow from a template with its parameters filled in', async () => {
    const response = await h.call(
      `mutation($input: CreateWorkflowFromTemplateInput!) { createWorkflowFromTemplate(input: $input) { workflow { ${WORKFLOW} } } }`,
      { input: { templateId: 'github-pr-opened-to-slack', parameters: { channel: '#reviews' } } },
    );
    expect(response.errors).toBeUndefined();
    const workflow = response.data!.createWorkflowFromTemplate.workflow;
    expect(workflow).toMatchObject({
      name: 'Post to Slack when a PR is opened',
      isActive: false,
      liveVersion: null,
      latestVersion: { version: 1 },
    });
    expect(workflow.latestVersion.definition.steps[1].config.input.channel).toBe('#reviews');
  });

  it('names a missing parameter, refuses an unknown template and non-admins', async () => {
    const mutate = (input: Record<string, unknown>, identity: object = h.admin) =>
      h.call(
        'mutation($input: CreateWorkflowFromTemplateInput!) { createWorkflowFromTemplate(input: $input) { workflow { id } } }',
        { input },
        identity,
      );
    expect((await mutate({ templateId: 'gitlab-issues-to-teams', parameters: { team: 'eng' } })).errors![0].extensions).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ field: 'parameters.channel' }],
    });
    expect(codeOf(await mutate({ templateId: 'missing' }))).toBe('NOT_FOUND');
    expect(
      codeOf(await mutate({ templateId: 'github-pr-opened-to-slack', parameters: { channel: '#x' } }, { ...h.admin, role: 'member' })),
    ).toBe('FORBIDDEN');
  });
});
