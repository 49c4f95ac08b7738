import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createLogger } from '@flowgraph/kernel';
import { ExecutionStarter } from '../src/modules/executions/execution-starter';
import { templates } from '../src/modules/templates/template-catalog';
import { EventTriggerConsumer } from '../src/modules/triggers/event-trigger.consumer';
import { codeOf, startTriggerHarness, type TriggerHarness } from '../src/testing/trigger-harness';

/**
 * A workflow created from a template can run: it comes with the template's trigger, which fires
 * once the workflow is published and active (or at once with `activate: true`), and the form a
 * client shows for the template's parameters has what it needs.
 */
let h: TriggerHarness;
let consumer: EventTriggerConsumer;

beforeAll(async () => {
  h = await startTriggerHarness('wf_tplrun');
  consumer = new EventTriggerConsumer({
    root: h.orm.em as EntityManager,
    redis: h.redis,
    redisPrefix: h.config.REDIS_PREFIX,
    logger: createLogger('test', process.env.TEST_LOG ?? 'silent'),
    starter: () => new ExecutionStarter({ em: h.orm.em.fork() as EntityManager, queue: h.executionQueue }),
  });
});

afterAll(async () => {
  await consumer.stop();
  await h.close();
});

const CREATE = `mutation($input: CreateWorkflowFromTemplateInput!) {
  createWorkflowFromTemplate(input: $input) {
    workflow { id isActive liveVersion { version } triggers { id kind enabled event { tool eventType } webhook { url } } }
    webhookSecret
  }
}`;

async function create(input: Record<string, unknown>) {
  const response = await h.call(CREATE, { input });
  expect(response.errors).toBeUndefined();
  return response.data!.createWorkflowFromTemplate;
}

/** Core stores a GitHub "PR opened" event in the harness's organization: what the stream consumer reads. */
const prOpened = () =>
  consumer.handle({
    id: '0-1',
    fields: {
      id: randomUUID(),
      orgId: h.orgId,
      userId: h.admin.userId,
      tool: 'github',
      eventType: 'pr.opened',
      occurredAt: new Date().toISOString(),
      payload: JSON.stringify({ title: 'Fix', url: 'https://example.com/pr/1' }),
    },
  });

const executionsOf = (workflowId: string) =>
  h.owner<{ trigger_kind: string; trigger_id: string; version: number }>(
    'select trigger_kind, trigger_id, version from workflow.executions where workflow_id = $1',
    [workflowId],
  );

it("creates the template's EVENT trigger with the workflow; it fires once the workflow is published and active", async () => {
  const { workflow, webhookSecret } = await create({ templateId: 'github-pr-opened-to-slack', parameters: { channel: '#reviews' } });
  expect(workflow).toMatchObject({ isActive: false, liveVersion: null });
  expect(workflow.triggers).toEqual([
    { id: expect.any(String), kind: 'EVENT', enabled: true, event: { tool: 'github', eventType: 'pr.opened' }, webhook: null },
  ]);
  expect(webhookSecret).toBeNull();

  await prOpened();
  expect(await executionsOf(workflow.id)).toEqual([]);

  expect(
    (await h.call('mutation($id: ID!) { publishWorkflow(id: $id, version: 1) { workflow { id } } }', { id: workflow.id })).errors,
  ).toBeUndefined();
  expect(
    (await h.call('mutation($id: ID!) { setWorkflowActive(id: $id, active: true) { workflow { id } } }', { id: workflow.id })).errors,
  ).toBeUndefined();
  await prOpened();
  expect(await executionsOf(workflow.id)).toEqual([{ trigger_kind: 'event', trigger_id: workflow.triggers[0].id, version: 1 }]);
});

it('publishes and activates in the same request with activate: true, so the next matching event runs it', async () => {
  const { workflow } = await create({ templateId: 'github-pr-opened-to-slack', parameters: { channel: '#ship' }, activate: true });
  expect(workflow).toMatchObject({ isActive: true, liveVersion: { version: 1 } });
  await prOpened();
  expect(await executionsOf(workflow.id)).toEqual([{ trigger_kind: 'event', trigger_id: workflow.triggers[0].id, version: 1 }]);
});

it("gives a webhook template's workflow a WEBHOOK trigger and returns its signing secret once", async () => {
  const { workflow, webhookSecret } = await create({ templateId: 'failed-deploy-webhook-to-slack', parameters: { channel: '#ops' } });
  expect(workflow.triggers).toEqual([
    {
      id: expect.any(String),
      kind: 'WEBHOOK',
      enabled: true,
      event: null,
      webhook: { url: expect.stringContaining(`/webhooks/${workflow.triggers[0].id}`) },
    },
  ]);
  expect(webhookSecret).toMatch(/^whsec_/);
});

it('creates every catalog template with its trigger and activates it', async () => {
  for (const template of templates) {
    const parameters = Object.fromEntries(
      template.parameters.filter((p) => p.required).map((p) => [p.name, p.type === 'URL' ? 'https://example.com/hook' : 'x']),
    );
    const { workflow } = await create({ templateId: template.id, parameters, activate: true });
    const event = template.triggerKind === 'WEBHOOK' ? null : template.trigger;
    expect([template.id, workflow.isActive, workflow.triggers.map((t: { kind: string; event: unknown }) => [t.kind, t.event])]).toEqual([
      template.id,
      true,
      [[template.triggerKind ?? 'EVENT', event]],
    ]);
  }
});

it('creates nothing when the parameters are refused, or the caller may not', async () => {
  const before = await h.owner('select id from workflow.workflows order by id');
  const badUrl = await h.call(CREATE, { input: { templateId: 's3-object-to-http', parameters: { url: 'not a url' }, activate: true } });
  expect(badUrl.errors![0].extensions).toMatchObject({
    code: 'VALIDATION_ERROR',
    details: [{ field: 'parameters.url', message: 'Must be an absolute http:// or https:// URL' }],
  });
  const member = await h.call(
    CREATE,
    { input: { templateId: 'github-pr-opened-to-slack', parameters: { channel: '#x' }, activate: true } },
    { ...h.admin, role: 'member' },
  );
  expect(codeOf(member)).toBe('FORBIDDEN');
  expect(await h.owner('select id from workflow.workflows order by id')).toEqual(before);
});

it("describes each parameter's type, whether it is required, its default and what it is for", async () => {
  const response = await h.call(`{
    dropbox: workflowTemplate(id: "dropbox-files-to-s3") { triggerKind parameterSpecs { name type required default description } }
    http: workflowTemplate(id: "s3-object-to-http") { parameterSpecs { name type required default } }
    deploy: workflowTemplate(id: "failed-deploy-webhook-to-slack") { triggerKind }
  }`);
  expect(response.errors).toBeUndefined();
  expect(response.data).toEqual({
    dropbox: {
      triggerKind: 'EVENT',
      parameterSpecs: [
        { name: 'bucket', type: 'STRING', required: true, default: null, description: 'S3 bucket name' },
        { name: 'prefix', type: 'STRING', required: false, default: 'dropbox/', description: 'Key prefix inside the bucket' },
      ],
    },
    http: { parameterSpecs: [{ name: 'url', type: 'URL', required: true, default: null }] },
    deploy: { triggerKind: 'WEBHOOK' },
  });
});
