import { randomUUID } from 'node:crypto';
import { inScopedTransaction } from '@flowgraph/kernel';
import type { EntityManager } from '@mikro-orm/postgresql';
import { TriggerScheduler } from '../src/modules/triggers/trigger-scheduler';
import { MAX_TRIGGERS_PER_WORKFLOW } from '../src/modules/triggers/trigger.service';
import { codeOf, startTriggerHarness, type TriggerHarness } from '../src/testing/trigger-harness';

let h: TriggerHarness;
beforeAll(async () => {
  h = await startTriggerHarness('wftrigapi');
});
afterAll(() => h.close());

const ADD = `mutation($input: AddTriggerInput!) { addTrigger(input: $input) {
  webhookSecret
  trigger { id kind enabled createdAt cron { pattern timezone nextRuns } webhook { url } event { tool eventType } }
} }`;
const TRIGGERS = `query($id: ID!, $count: Int) { workflow(id: $id) { id triggers { id kind enabled cron { timezone nextRuns(count: $count) } } } }`;
const SET_ENABLED = `mutation($id: ID!, $enabled: Boolean!) { setTriggerEnabled(id: $id, enabled: $enabled) { id enabled } }`;
const REMOVE = `mutation($id: ID!) { removeTrigger(id: $id) { removedTriggerId } }`;

const add = (input: Record<string, unknown>, identity?: Parameters<TriggerHarness['call']>[2]) => h.call(ADD, { input }, identity);
const schedulerIds = async () => (await h.triggersQueue.getJobSchedulers(0, -1)).map((s) => s.key).sort();
const syncWorkflow = (workflowId: string, orgId = h.orgId) =>
  inScopedTransaction(h.orm.em as EntityManager, { orgId }, (em) => new TriggerScheduler(h.triggersQueue, em).syncWorkflow(workflowId));

describe('addTrigger', () => {
  it('adds a cron trigger in a time zone, shows its next runs and schedules it', async () => {
    const workflowId = await h.seedWorkflow();
    const response = await add({ workflowId, kind: 'CRON', cron: { pattern: '0  9 * * 1-5', timezone: 'Europe/Paris' } });
    expect(response.errors).toBeUndefined();
    const { trigger, webhookSecret } = response.data!.addTrigger;
    expect(webhookSecret).toBeNull();
    expect(trigger).toMatchObject({
      kind: 'CRON',
      enabled: true,
      webhook: null,
      event: null,
      cron: { pattern: '0 9 * * 1-5', timezone: 'Europe/Paris' },
    });
    expect(trigger.cron.nextRuns).toHaveLength(5);
    for (const run of trigger.cron.nextRuns as string[]) {
      const local = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Paris',
        hour: '2-digit',
        minute: '2-digit',
        weekday: 'short',
      }).format(new Date(run));
      expect(local).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 09:00$/);
    }
    expect(await schedulerIds()).toContain(trigger.id);
    const scheduler = await h.triggersQueue.getJobScheduler(trigger.id);
    expect(scheduler).toMatchObject({ pattern: '0 9 * * 1-5', tz: 'Europe/Paris' });
  });

  it('refuses a bad cron pattern and an unknown time zone with VALIDATION_ERROR details', async () => {
    const workflowId = await h.seedWorkflow();
    const response = await add({ workflowId, kind: 'CRON', cron: { pattern: '61 * * * *', timezone: 'Mars/Olympus' } });
    expect(codeOf(response)).toBe('VALIDATION_ERROR');
    const fields = (response.errors![0].extensions!.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(['cron.pattern', 'cron.timezone']);
    const tooShort = await add({ workflowId, kind: 'CRON', cron: { pattern: '* * * *' } });
    expect(tooShort.errors![0].extensions!.details).toEqual([{ field: 'cron.pattern', message: expect.stringContaining('5 fields') }]);
  });

  it('requires the kind’s own settings and refuses the others', async () => {
    const workflowId = await h.seedWorkflow();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ kind: 'CRON' }, ['cron']],
      [{ kind: 'EVENT' }, ['event']],
      [{ kind: 'EVENT', event: {} }, ['event']],
      [{ kind: 'WEBHOOK', cron: { pattern: '* * * * *' } }, ['cron']],
      [{ kind: 'MANUAL', event: { tool: 'github' } }, ['event']],
      [{ kind: 'EVENT', event: { tool: 'Git Hub!' } }, ['event.tool']],
    ];
    for (const [input, fields] of cases) {
      const response = await add({ workflowId, ...input });
      expect(codeOf(response)).toBe('VALIDATION_ERROR');
      expect((response.errors![0].extensions!.details as { field: string }[]).map((d) => d.field)).toEqual(fields);
    }
  });

  it('gives a webhook trigger a URL and a secret shown once, stored encrypted', async () => {
    const workflowId = await h.seedWorkflow();
    const response = await add({ workflowId, kind: 'WEBHOOK' });
    const { trigger, webhookSecret } = response.data!.addTrigger;
    expect(webhookSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(trigger.webhook.url).toBe(`${h.config.PUBLIC_URL}/webhooks/${trigger.id}`);
    const [row] = await h.owner<{ webhook_secret: string }>('select webhook_secret from workflow.triggers where id = $1', [trigger.id]);
    expect(row.webhook_secret).not.toContain(webhookSecret.slice(6));
    expect(h.cipher.decrypt(row.webhook_secret, trigger.id)).toBe(webhookSecret);
    expect(() => h.cipher.decrypt(row.webhook_secret, randomUUID())).toThrow();
  });

  it('normalises event filters the way Core stores events', async () => {
    const workflowId = await h.seedWorkflow();
    const response = await add({ workflowId, kind: 'EVENT', event: { tool: ' GitHub ', eventType: 'PR.Opened' } });
    expect(response.data!.addTrigger.trigger.event).toEqual({ tool: 'github', eventType: 'pr.opened' });
  });

  it(`allows at most ${MAX_TRIGGERS_PER_WORKFLOW} triggers per workflow`, async () => {
    const workflowId = await h.seedWorkflow();
    await Promise.all(Array.from({ length: MAX_TRIGGERS_PER_WORKFLOW }, () => add({ workflowId, kind: 'MANUAL' })));
    const over = await add({ workflowId, kind: 'MANUAL' });
    expect(codeOf(over)).toBe('VALIDATION_ERROR');
    const [count] = await h.owner<{ n: string }>('select count(*) as n from workflow.triggers where workflow_id = $1', [workflowId]);
    expect(Number(count.n)).toBe(MAX_TRIGGERS_PER_WORKFLOW);
  });

  it('lets only admins manage triggers, viewers read them, and hides other organizations’ workflows', async () => {
    const workflowId = await h.seedWorkflow();
    expect(codeOf(await add({ workflowId, kind: 'MANUAL' }, { ...h.admin, role: 'member' }))).toBe('FORBIDDEN');
    const added = await add({ workflowId, kind: 'CRON', cron: { pattern: '*/5 * * * *' } });
    const id = added.data!.addTrigger.trigger.id;
    expect(codeOf(await h.call(SET_ENABLED, { id, enabled: false }, { ...h.admin, role: 'member' }))).toBe('FORBIDDEN');
    expect(codeOf(await h.call(REMOVE, { id }, { ...h.admin, role: 'viewer' }))).toBe('FORBIDDEN');
    const read = await h.call(TRIGGERS, { id: workflowId, count: 3 }, { ...h.admin, role: 'viewer' });
    expect(read.data!.workflow.triggers).toEqual([
      { id, kind: 'CRON', enabled: true, cron: { timezone: 'UTC', nextRuns: expect.any(Array) } },
    ]);
    expect(read.data!.workflow.triggers[0].cron.nextRuns).toHaveLength(3);
    const stranger = { userId: randomUUID(), orgId: randomUUID(), role: 'owner' as const };
    expect(codeOf(await add({ workflowId, kind: 'MANUAL' }, stranger))).toBe('NOT_FOUND');
    expect(codeOf(await h.call(REMOVE, { id }, stranger))).toBe('NOT_FOUND');
  });

  it('refuses nextRuns counts outside 1..20', async () => {
    const workflowId = await h.seedWorkflow();
    await add({ workflowId, kind: 'CRON', cron: { pattern: '0 * * * *' } });
    expect(codeOf(await h.call(TRIGGERS, { id: workflowId, count: 21 }))).toBe('VALIDATION_ERROR');
    expect(codeOf(await h.call(TRIGGERS, { id: workflowId, count: 0 }))).toBe('VALIDATION_ERROR');
    const twenty = await h.call(TRIGGERS, { id: workflowId, count: 20 });
    expect(twenty.data!.workflow.triggers[0].cron.nextRuns).toHaveLength(20);
  });
});

describe('schedulers follow trigger and workflow changes', () => {
  it('removes the scheduler when the trigger is disabled or removed, and restores it when re-enabled', async () => {
    const workflowId = await h.seedWorkflow();
    const id = (await add({ workflowId, kind: 'CRON', cron: { pattern: '*/5 * * * *' } })).data!.addTrigger.trigger.id;
    expect(await schedulerIds()).toContain(id);
    expect((await h.call(SET_ENABLED, { id, enabled: false })).data!.setTriggerEnabled).toEqual({ id, enabled: false });
    expect(await schedulerIds()).not.toContain(id);
    await h.call(SET_ENABLED, { id, enabled: true });
    expect(await schedulerIds()).toContain(id);
    expect((await h.call(REMOVE, { id })).data!.removeTrigger).toEqual({ removedTriggerId: id });
    expect(await schedulerIds()).not.toContain(id);
  });

  it('does not schedule an inactive workflow’s triggers; syncWorkflow follows (de)activation and deletion', async () => {
    const workflowId = await h.seedWorkflow({ active: false });
    const id = (await add({ workflowId, kind: 'CRON', cron: { pattern: '*/5 * * * *' } })).data!.addTrigger.trigger.id;
    expect(await schedulerIds()).not.toContain(id);
    await h.owner('update workflow.workflows set is_active = true where id = $1', [workflowId]);
    await syncWorkflow(workflowId);
    expect(await schedulerIds()).toContain(id);
    await h.owner('update workflow.workflows set deleted_at = now() where id = $1', [workflowId]);
    await syncWorkflow(workflowId);
    expect(await schedulerIds()).not.toContain(id);
  });

  it('reconciles Redis with Postgres after Redis lost its schedulers, and drops orphans', async () => {
    const workflowId = await h.seedWorkflow();
    const id = (await add({ workflowId, kind: 'CRON', cron: { pattern: '0 0 * * *', timezone: 'Asia/Tokyo' } })).data!.addTrigger.trigger
      .id;
    for (const key of await schedulerIds()) await h.triggersQueue.removeJobScheduler(key);
    await h.triggersQueue.upsertJobScheduler(randomUUID(), { pattern: '* * * * *' }, { name: 'cron-trigger' });
    const scheduler = new TriggerScheduler(h.triggersQueue, h.orm.em.fork() as EntityManager);
    const result = await scheduler.reconcile();
    const [wanted] = await h.owner<{ n: string }>('select count(*) as n from workflow.schedulable_cron_triggers()');
    expect(result).toEqual({ scheduled: Number(wanted.n), removed: 1 });
    expect(await schedulerIds()).toHaveLength(Number(wanted.n));
    expect(await h.triggersQueue.getJobScheduler(id)).toMatchObject({ pattern: '0 0 * * *', tz: 'Asia/Tokyo' });
  });
});
