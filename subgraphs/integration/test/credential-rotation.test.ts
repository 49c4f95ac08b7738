import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { createLogger, createOrm, createRedis, loadConfig, secretKeyringFromConfig, type Redis } from '@flowgraph/kernel';
import { createTestDatabase, uniqueName, type TestDatabase } from '@flowgraph/kernel/testing';
import { loadIntegrationConfig } from '../src/config';
import { entities } from '../src/entities';
import { createActionsModule } from '../src/modules/actions/actions.module';
import { reencryptCredentials } from '../src/modules/credentials/reencrypt-credentials.job';
import { startSlackServer, type SlackServer } from '../src/testing';
import { seedIntegration, type SeededIntegration } from './support/seed-integration';

const keyA = `a:${randomBytes(32).toString('base64')}`;
const keyB = `b:${randomBytes(32).toString('base64')}`;
const token = 'xoxb-rotation-test-token';
let db: TestDatabase;
let orm: MikroORM;
let redis: Redis;
let slack: SlackServer;

beforeAll(async () => {
  db = await createTestDatabase('introtate');
  orm = await createOrm({ url: db.appUrl, entities, poolMax: 20 });
  redis = createRedis(loadConfig().REDIS_URL);
  slack = await startSlackServer({ token });
});

afterAll(async () => {
  await slack.close();
  await redis.quit();
  await orm.close(true);
  await db.drop();
});

it('re-encrypts every credential under the new current key while actions run on them, none failing', async () => {
  const env = { ...process.env, CONNECTOR_SLACK_API_URL: slack.url, REDIS_PREFIX: uniqueName('fgrotate') };
  const underA = secretKeyringFromConfig(loadIntegrationConfig({ ...env, SECRET_KEYS: keyA }));
  const integrations: SeededIntegration[] = [];
  for (let i = 0; i < 30; i += 1) integrations.push(await seedIntegration(orm, underA, 'slack', { kind: 'oauth2', accessToken: token }));

  const config = loadIntegrationConfig({ ...env, SECRET_KEYS: `${keyA},${keyB}`, SECRET_KEY_CURRENT: 'b' });
  const keyring = secretKeyringFromConfig(config);
  const module = createActionsModule({ orm, config, redis, keyring, logger: createLogger('rotation', process.env.TEST_LOG ?? 'silent') });
  try {
    const run = (integration: SeededIntegration, round: number) =>
      module.actions.run(
        {
          requestId: randomUUID(),
          orgId: integration.orgId,
          userId: integration.userId,
          role: 'member',
          scopes: [],
          authMethod: 'service',
        },
        {
          connector: 'slack',
          action: 'post_message',
          integrationId: integration.id,
          input: { channel: '#ops', text: `round ${round}` },
          idempotencyKey: `${integration.id}:${round}`,
        },
      );
    const actions = Promise.all([0, 1].flatMap((round) => integrations.map((integration) => run(integration, round))));
    // Small batches, so the job walks the table in several steps while the actions read it.
    const [outcomes, result] = await Promise.all([actions, reencryptCredentials(orm.em.fork() as EntityManager, keyring, 7)]);

    expect(outcomes.filter((o) => o.outcome !== 'succeeded')).toEqual([]);
    expect(slack.messages).toHaveLength(60);
    expect(result).toEqual({ reencrypted: 30, changedMeanwhile: 0, unreadable: 0 });
    const owner = await createOrm({ url: db.ownerUrl, entities });
    try {
      const rows = await owner.em
        .fork()
        .execute<{ integration_id: string; secret: string }[]>('select integration_id, secret from integration.credentials');
      expect(rows).toHaveLength(30);
      expect(rows.filter((r) => !keyring.isCurrent(r.secret))).toEqual([]);
      // And a keyring holding only b reads them all.
      const onlyB = secretKeyringFromConfig(loadIntegrationConfig({ ...env, SECRET_KEYS: keyB }));
      for (const row of rows)
        expect(JSON.parse(onlyB.decrypt(row.secret, row.integration_id))).toEqual({ kind: 'oauth2', accessToken: token });
    } finally {
      await owner.close(true);
    }
  } finally {
    await module.close();
  }
});
