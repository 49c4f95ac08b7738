import type { MikroORM } from '@mikro-orm/postgresql';
import { addScrapedGauge, createOrm, createProcessRegistry, secretKeyringFromConfig } from '@flowgraph/kernel';
import { loadIntegrationConfig } from '../src/config';
import { createTestDatabase, type TestDatabase } from '@flowgraph/kernel/testing';
import { entities } from '../src/entities';
import { connectorHealthGauge } from '../src/modules/health/health.metrics';
import { seedIntegration } from './support/seed-integration';

let db: TestDatabase;
let orm: MikroORM;
let owner: MikroORM;

beforeAll(async () => {
  db = await createTestDatabase('healthmetrics');
  orm = await createOrm({ url: db.appUrl, entities });
  owner = await createOrm({ url: db.ownerUrl, entities });
});

afterAll(async () => {
  await orm.close(true);
  await owner.close(true);
  await db.drop();
});

it("counts every organization's connected integrations by connector and health, though RLS hides them from the app role", async () => {
  const keyring = secretKeyringFromConfig(loadIntegrationConfig());
  const failing = await Promise.all([1, 2].map(() => seedIntegration(orm, keyring, 'slack', null)));
  const healthy = await seedIntegration(orm, keyring, 'slack', null);
  await seedIntegration(orm, keyring, 'github', null);
  const gone = await seedIntegration(orm, keyring, 'github', null);
  const set = (ids: string[], sql: string) =>
    owner.em.getConnection().execute(`update integration.user_integrations set ${sql} where id in (?)`, [ids]);
  await set(
    failing.map((i) => i.id),
    `health_status = 'failing'`,
  );
  await set([healthy.id], `health_status = 'healthy'`);
  await set([gone.id], `status = 'disconnected', health_status = 'disconnected'`);

  const registry = createProcessRegistry('integration-worker');
  addScrapedGauge(registry, connectorHealthGauge(orm));
  const text = await registry.metrics();
  expect(text).toMatch(/^integration_connections\{connector="slack",health="failing",service="integration-worker"\} 2$/m);
  expect(text).toMatch(/^integration_connections\{connector="slack",health="healthy",service="integration-worker"\} 1$/m);
  expect(text).toMatch(/^integration_connections\{connector="github",health="unchecked",service="integration-worker"\} 1$/m);
  // A disconnected integration is no longer connected: not counted.
  expect(text).not.toContain('health="disconnected"');

  // The next scrape reads again: the gauge follows the health checks.
  await set([healthy.id], `health_status = 'failing'`);
  expect(await registry.metrics()).toMatch(
    /^integration_connections\{connector="slack",health="failing",service="integration-worker"\} 3$/m,
  );
  expect(await registry.metrics()).not.toContain('health="healthy"');
});
