import { createCipheriv, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createLogger } from '@flowgraph/kernel';
import { reencryptWebhookSecrets } from '../src/modules/triggers/reencrypt-webhook-secrets.job';
import { TriggerRepository } from '../src/modules/triggers/trigger.repository';
import { startTriggersWorker } from '../src/modules/triggers/triggers.worker';
import { webhookSecretKeyring } from '../src/modules/triggers/webhook-secret.cipher';
import { signWebhook } from '../src/modules/triggers/webhook-signature';
import { startTriggerHarness, type TriggerHarness } from '../src/testing/trigger-harness';
import { until } from '@flowgraph/kernel/testing';

const keyA = `a:${randomBytes(32).toString('base64')}`;
const keyB = `b:${randomBytes(32).toString('base64')}`;
const ADD = `mutation($input: AddTriggerInput!) { addTrigger(input: $input) { webhookSecret trigger { id } } }`;

let h: TriggerHarness;

// The server holds both keys with A current, as after an operator has added B everywhere; the
// worker under test has B current, as after the operator has then made B current.
beforeAll(async () => {
  h = await startTriggerHarness('wfrotate', {
    SECRET_KEYS: `${keyA},${keyB}`,
    SECRET_KEY_CURRENT: 'a',
    WEBHOOK_RATE_LIMIT_PER_MINUTE: '100000',
  });
});
afterAll(() => h.close());

const keyringWithBCurrent = () => webhookSecretKeyring({ ...h.config, SECRET_KEY_CURRENT: 'b' });

/** What WebhookSecretCipher stored before key ids: `v1.…` under HKDF(WEBHOOK_SECRET_KEY). */
function legacyV1(secret: string, triggerId: string): string {
  const key = Buffer.from(hkdfSync('sha256', h.config.WEBHOOK_SECRET_KEY, 'flowgraph', 'webhook-secrets v1', 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(triggerId));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

async function addWebhook(): Promise<{ id: string; secret: string }> {
  const response = await h.call(ADD, { input: { workflowId: await h.seedWorkflow(), kind: 'WEBHOOK' } });
  return { id: response.data!.addTrigger.trigger.id, secret: response.data!.addTrigger.webhookSecret };
}

/** Five webhook triggers under key A and one stored in the legacy v1 format. */
async function seedTriggers() {
  const targets: { id: string; secret: string }[] = [];
  for (let i = 0; i < 6; i++) targets.push(await addWebhook());
  await h.owner('update workflow.triggers set webhook_secret = $1 where id = $2', [
    legacyV1(targets[5].secret, targets[5].id),
    targets[5].id,
  ]);
  return targets;
}

function deliver(target: { id: string; secret: string }) {
  const body = JSON.stringify({ at: Date.now() });
  return fetch(new URL(`/webhooks/${target.id}`, h.server.url), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-flowgraph-signature': signWebhook(target.secret, body),
      'x-flowgraph-delivery': randomUUID(),
    },
    body,
  });
}

const keyIdsOf = async (ids: string[]) =>
  (await h.owner<{ webhook_secret: string }>('select webhook_secret from workflow.triggers where id = any($1)', [ids])).map(
    (row) => row.webhook_secret.split('.')[0],
  );

it('re-encrypts every webhook secret under the new key while deliveries are verified, and none fails', async () => {
  const targets = await seedTriggers();
  expect((await keyIdsOf(targets.map((t) => t.id))).sort()).toEqual(['k1:a', 'k1:a', 'k1:a', 'k1:a', 'k1:a', 'v1']);

  const statuses: number[] = [];
  let delivering = true;
  const loop = (async () => {
    while (delivering) statuses.push(...(await Promise.all(targets.map(async (t) => (await deliver(t)).status))));
  })();

  await until(() => statuses.length >= targets.length, 15_000, 'deliveries under way');

  // The worker re-encrypts at start, without waiting for its daily schedule.
  const worker = await startTriggersWorker({
    orm: h.orm,
    connection: h.redis,
    redisPrefix: h.config.REDIS_PREFIX,
    logger: createLogger('workflow', process.env.TEST_LOG ?? 'silent'),
    executionQueue: h.executionQueue,
    keyring: keyringWithBCurrent(),
    reencryptBatchSize: 2,
  });
  try {
    await until(async () => (await keyIdsOf(targets.map((t) => t.id))).every((id) => id === 'k1:b'), 15_000, 'every secret under key b');
    // A few more rounds of deliveries on the re-encrypted secrets.
    const seen = statuses.length;
    await until(() => statuses.length >= seen + 3 * targets.length, 15_000, 'more deliveries');
  } finally {
    delivering = false;
    await loop;
    await worker.close();
  }
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses.filter((status) => status !== 202)).toEqual([]);
  expect(await h.owner(`select id from workflow.triggers where webhook_secret is not null and webhook_secret not like 'k1:b.%'`)).toEqual(
    [],
  );
  // The user's secrets are unchanged: only their encryption moved.
  const keyring = keyringWithBCurrent();
  const rows = await h.owner<{ id: string; webhook_secret: string }>(
    'select id, webhook_secret from workflow.triggers where id = any($1)',
    [targets.map((t) => t.id)],
  );
  expect(Object.fromEntries(rows.map((row) => [row.id, keyring.decrypt(row.webhook_secret, row.id)]))).toEqual(
    Object.fromEntries(targets.map((t) => [t.id, t.secret])),
  );
});

it('writes a re-encrypted secret only over the value it read', async () => {
  const target = await addWebhook();
  const keyring = keyringWithBCurrent();
  const repository = new TriggerRepository(h.orm.em.fork() as EntityManager);
  const secretOf = async () =>
    (await h.owner<{ webhook_secret: string }>('select webhook_secret from workflow.triggers where id = $1', [target.id]))[0]
      .webhook_secret;
  const read = await secretOf();
  // Another writer puts a new value on the row after the job read it: the job's write is refused.
  const meanwhile = keyring.encrypt('whsec_meanwhile', target.id);
  await h.owner('update workflow.triggers set webhook_secret = $1 where id = $2', [meanwhile, target.id]);
  expect(await repository.replaceWebhookSecret(target.id, read, keyring.encrypt(target.secret, target.id))).toBe(false);
  expect(await secretOf()).toBe(meanwhile);
  const replacement = keyring.encrypt('whsec_meanwhile', target.id);
  expect(await repository.replaceWebhookSecret(target.id, meanwhile, replacement)).toBe(true);
  expect(await secretOf()).toBe(replacement);
});

it('counts what it re-encrypted, and has nothing left to do on a second run', async () => {
  await addWebhook();
  const keyring = keyringWithBCurrent();
  const em = h.orm.em.fork() as EntityManager;
  const first = await reencryptWebhookSecrets(em, keyring, 2);
  expect(first).toEqual(expect.objectContaining({ reencrypted: expect.any(Number), unreadable: 0 }));
  expect(first.reencrypted).toBeGreaterThan(0);
  expect(await reencryptWebhookSecrets(em, keyring, 2)).toEqual({ reencrypted: 0, changedMeanwhile: 0, unreadable: 0 });
});
