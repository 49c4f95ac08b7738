import { randomUUID } from 'node:crypto';
import { signWebhook } from '../src/modules/triggers/webhook-signature';
import type { EntityManager } from '@mikro-orm/postgresql';
import { purgeWebhookDeliveries } from '../src/modules/triggers/purge-webhook-deliveries.job';
import { startTriggerHarness, type TriggerHarness } from '../src/testing/trigger-harness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (response: Response): Promise<Record<string, any>> => (await response.json()) as Record<string, any>;

let h: TriggerHarness;
let trigger: { id: string; secret: string; workflowId: string };

const ADD = `mutation($input: AddTriggerInput!) { addTrigger(input: $input) { webhookSecret trigger { id } } }`;

async function addWebhook(workflowId: string): Promise<{ id: string; secret: string; workflowId: string }> {
  const response = await h.call(ADD, { input: { workflowId, kind: 'WEBHOOK' } });
  return { id: response.data!.addTrigger.trigger.id, secret: response.data!.addTrigger.webhookSecret, workflowId };
}

beforeAll(async () => {
  h = await startTriggerHarness('wfhook', { WEBHOOK_RATE_LIMIT_PER_MINUTE: '30' });
  trigger = await addWebhook(await h.seedWorkflow());
});
afterAll(() => h.close());

function deliver(
  target: { id: string; secret: string },
  options: { body?: string; deliveryId?: string | null; signature?: string; timestamp?: number } = {},
) {
  const body = options.body ?? JSON.stringify({ pr: 42 });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-flowgraph-signature': options.signature ?? signWebhook(target.secret, body, options.timestamp),
  };
  if (options.deliveryId !== null) headers['x-flowgraph-delivery'] = options.deliveryId ?? randomUUID();
  return fetch(new URL(`/webhooks/${target.id}`, h.server.url), { method: 'POST', headers, body });
}

const executionsOf = (triggerId: string) =>
  h.owner<{ id: string; input: unknown; trigger_kind: string }>(
    'select id, input, trigger_kind from workflow.executions where trigger_id = $1',
    [triggerId],
  );

it('starts one execution for a valid delivery, with the body as its input', async () => {
  const response = await deliver(trigger, { body: '{"pr": 7,  "action":"opened"}' });
  expect(response.status).toBe(202);
  const { executionId } = await json(response);
  const rows = await h.owner<{ id: string; input: unknown; trigger_kind: string; status: string }>(
    'select * from workflow.executions where id = $1',
    [executionId],
  );
  expect(rows).toEqual([
    expect.objectContaining({ id: executionId, trigger_kind: 'webhook', status: 'queued', input: { pr: 7, action: 'opened' } }),
  ]);
  expect(await h.executionQueue.getJob(executionId)).toBeDefined();
});

it('ignores a replayed delivery id and answers with the original execution', async () => {
  const deliveryId = `gh-${randomUUID()}`;
  const first = await json(await deliver(trigger, { deliveryId }));
  const again = await deliver(trigger, { deliveryId });
  expect(again.status).toBe(202);
  expect((await json(again)).executionId).toBe(first.executionId);
  const rows = await h.owner('select 1 from workflow.executions where trigger_id = $1 and idempotency_key = $2', [
    trigger.id,
    `webhook:${trigger.id}:${deliveryId}`,
  ]);
  expect(rows).toHaveLength(1);
});

it('starts one execution when the same delivery arrives several times at once', async () => {
  const target = await addWebhook(await h.seedWorkflow());
  const deliveryId = randomUUID();
  const body = JSON.stringify({ burst: true });
  const responses = await Promise.all(Array.from({ length: 8 }, () => deliver(target, { deliveryId, body })));
  expect(responses.map((r) => r.status)).toEqual(Array(8).fill(202));
  const ids = new Set(await Promise.all(responses.map(async (r) => (await json(r)).executionId)));
  expect(ids.size).toBe(1);
  expect(await executionsOf(target.id)).toHaveLength(1);
});

it('refuses a bad signature, a signature with another secret and a stale timestamp with 401', async () => {
  const before = (await executionsOf(trigger.id)).length;
  const body = '{"a":1}';
  expect((await deliver(trigger, { body, signature: 't=123,v1=nothex' })).status).toBe(401);
  expect((await deliver(trigger, { body, signature: signWebhook('whsec_other', body) })).status).toBe(401);
  const stale = await deliver(trigger, { body, timestamp: Math.floor(Date.now() / 1000) - 301 });
  expect(stale.status).toBe(401);
  expect((await json(stale)).error).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('5-minute') });
  // Signed for another body: the raw bytes count, not the parsed JSON.
  const tampered = await deliver(trigger, { body: '{"a": 1}', signature: signWebhook(trigger.secret, body) });
  expect(tampered.status).toBe(401);
  expect(await executionsOf(trigger.id)).toHaveLength(before);
});

it('answers 404 alike for an unknown trigger, a disabled one and an inactive workflow', async () => {
  const disabled = await addWebhook(await h.seedWorkflow());
  await h.call(`mutation($id: ID!) { setTriggerEnabled(id: $id, enabled: false) { id } }`, { id: disabled.id });
  const inactive = await addWebhook(await h.seedWorkflow());
  await h.owner('update workflow.workflows set is_active = false where id = $1', [inactive.workflowId]);
  const answers = await Promise.all([
    deliver({ id: randomUUID(), secret: 'x' }),
    deliver({ id: 'not-a-uuid', secret: 'x' }),
    deliver(disabled),
    deliver(inactive),
  ]);
  const bodies = await Promise.all(answers.map((r) => json(r)));
  expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404]);
  expect(new Set(bodies.map((b) => `${b.error.code} ${b.error.message}`)).size).toBe(1);
  expect(await executionsOf(disabled.id)).toHaveLength(0);
});

it('answers 400 without a delivery id or with a body that is not a JSON object, and 413 over 1 MiB', async () => {
  expect((await deliver(trigger, { deliveryId: null })).status).toBe(400);
  const notJson = await deliver(trigger, { body: 'not json' });
  expect(notJson.status).toBe(400);
  expect((await json(notJson)).error.details).toEqual([{ field: 'body', message: 'Must be a JSON object' }]);
  expect((await deliver(trigger, { body: '[1,2]' })).status).toBe(400);
  const big = await deliver(trigger, { body: JSON.stringify({ blob: 'x'.repeat(1024 * 1024) }) });
  expect(big.status).toBe(413);
});

it('rate-limits signed deliveries per trigger', async () => {
  const target = await addWebhook(await h.seedWorkflow());
  // The limit is per clock minute: start well inside one so the burst cannot straddle two.
  const toNextMinute = 60_000 - (Date.now() % 60_000);
  if (toNextMinute < 5000) await new Promise((r) => setTimeout(r, toNextMinute + 50));
  const statuses: number[] = [];
  for (let i = 0; i < 31; i++) statuses.push((await deliver(target)).status);
  expect(statuses.slice(0, 30)).toEqual(Array(30).fill(202));
  const limited = await deliver(target);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  // Another trigger is not affected.
  expect((await deliver(trigger)).status).toBe(202);
});

it('forgets deliveries after a week, in the daily purge, and only those', async () => {
  const old = randomUUID();
  const recent = randomUUID();
  await deliver(trigger, { deliveryId: old });
  await deliver(trigger, { deliveryId: recent });
  await h.owner(`update workflow.webhook_deliveries set received_at = now() - interval '8 days' where delivery_id = $1`, [old]);
  expect(await purgeWebhookDeliveries(h.orm.em.fork() as EntityManager)).toBe(1);
  const left = await h.owner<{ delivery_id: string }>('select delivery_id from workflow.webhook_deliveries where delivery_id = any($1)', [
    [old, recent],
  ]);
  expect(left.map((r) => r.delivery_id)).toEqual([recent]);
});
