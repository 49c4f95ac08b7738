/**
 * The notify step against a real Core: the event lands in the workflow owner's organization,
 * attributed to them, and a repeated attempt (same side-effect key) stores nothing twice.
 */
import { randomUUID } from 'node:crypto';
import { CoreClient } from '../subgraphs/workflow/src/modules/steps/core-client';
import { createNotifyStep } from '../subgraphs/workflow/src/modules/steps/notify.step';
import type { StepContext } from '../subgraphs/workflow/src/modules/steps/step-runner';
import { signUp, startCoreHarness, type Account, type CoreHarness } from '../subgraphs/core/test/core-harness';

let core: CoreHarness;
let owner: Account;

beforeAll(async () => {
  core = await startCoreHarness('notify');
  owner = await signUp(core);
});
afterAll(() => core.close());

const context = (overrides: Partial<StepContext> = {}): StepContext => {
  const executionId = randomUUID();
  return {
    executionId,
    orgId: owner.orgId,
    ownerId: owner.userId,
    step: { id: 'tell', type: 'notify', config: { message: '{{ "Deployed " & input.version }}' } },
    data: { input: { version: 'v42' }, steps: {} },
    idempotencyKey: `${executionId}:tell`,
    attempt: 1,
    signal: AbortSignal.timeout(5000),
    ...overrides,
  };
};

const storedFor = (key: string) =>
  core.owner<{ id: string; org_id: string; user_id: string; tool: string; event_type: string; payload: { message: string } }>(
    'select id, org_id, user_id, tool, event_type, payload from core.events where idempotency_key = $1',
    [key],
  );

it('records the notification as an event of the owner in Core, once per side-effect key', async () => {
  const notify = createNotifyStep(new CoreClient({ origin: new URL(core.server.url).origin, identitySecret: core.config.IDENTITY_SECRET }));
  const ctx = context();
  const first = await notify.run(ctx);
  expect(first.output).toMatchObject({ status: 'CREATED' });
  const again = await notify.run({ ...ctx, attempt: 2 });
  expect(again.output).toEqual({ eventId: first.output.eventId, status: 'DUPLICATE' });

  const stored = await storedFor(ctx.idempotencyKey);
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({
    id: first.output.eventId,
    org_id: owner.orgId,
    user_id: owner.userId,
    tool: 'flowgraph',
    event_type: 'workflow.notification',
    payload: { message: 'Deployed v42' },
  });
});

it('fails without retry when Core refuses the call (a wrong signing key)', async () => {
  const notify = createNotifyStep(new CoreClient({ origin: new URL(core.server.url).origin, identitySecret: 'w'.repeat(40) }));
  const ctx = context();
  await expect(notify.run(ctx)).rejects.toMatchObject({ name: 'DoNotRetryError' });
  expect(await storedFor(ctx.idempotencyKey)).toEqual([]);
});
