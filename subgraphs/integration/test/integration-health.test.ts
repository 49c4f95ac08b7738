import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Queue } from 'bullmq';
import {
  createLogger,
  createOrm,
  createRedis,
  inScopedTransaction,
  loadConfig,
  secretKeyringFromConfig,
  type Redis,
} from '@flowgraph/kernel';
import { createTestDatabase, uniqueName, type TestDatabase } from '@flowgraph/kernel/testing';
import { loadIntegrationConfig, type IntegrationConfig } from '../src/config';
import { entities } from '../src/entities';
import { bullPrefix, QUEUES } from '../src/jobs/queues';
import { purgeActionCalls } from '../src/modules/actions/purge-action-calls.job';
import { createHealthModule } from '../src/modules/health/health.module';
import { HealthRepository } from '../src/modules/health/health.repository';
import type { IntegrationHealthService } from '../src/modules/health/health.service';
import { purgeHealthChecks } from '../src/modules/health/purge-health-checks.job';
import { startWorkers } from '../src/workers';
import { startSlackServer, type SlackServer } from '../src/testing';
import { startCoreEventsStandIn, type CoreEventsStandIn } from './support/core-events-stand-in';
import { seedIntegration } from './support/seed-integration';

const token = 'xoxb-health-test-token-0001';
const logger = createLogger('integration-health', process.env.TEST_LOG ?? 'silent');
let db: TestDatabase;
let orm: MikroORM;
let owner: MikroORM;
let core: CoreEventsStandIn;
const opened: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  db = await createTestDatabase('inthealth');
  orm = await createOrm({ url: db.appUrl, entities });
  owner = await createOrm({ url: db.ownerUrl, entities });
  core = await startCoreEventsStandIn();
});

afterEach(async () => {
  for (const resource of opened.splice(0).reverse()) await resource.close();
});

afterAll(async () => {
  await core.close();
  await orm.close(true);
  await owner.close(true);
  await db.drop();
});

const configFor = (slack: SlackServer, env: Record<string, string> = {}): IntegrationConfig =>
  loadIntegrationConfig({
    ...process.env,
    CORE_ORIGIN: core.origin,
    CONNECTOR_SLACK_API_URL: slack.url,
    INTEGRATION_HEALTH_FAILING_AFTER: '2',
    REDIS_PREFIX: uniqueName('fghealth'),
    ...env,
  });

/** A Slack of its own, the health service pointed at it, and a connected Slack integration with its token. */
async function setUp(env: Record<string, string> = {}) {
  const slack = await startSlackServer({ token });
  opened.push(slack);
  const config = configFor(slack, env);
  const keyring = secretKeyringFromConfig(config);
  const module = createHealthModule({ orm, config, logger, keyring });
  opened.push(module);
  const integration = await seedIntegration(orm, keyring, 'slack', { kind: 'oauth2', accessToken: token });
  const scope = { orgId: integration.orgId, userId: integration.userId };
  const check = () => module.health.check(scope, integration.id);
  return { slack, config, health: module.health, integration, scope, check };
}

const eventsOf = (integrationId: string) => core.events.filter((e) => e.event.payload.integrationId === integrationId);

const stored = async (id: string) => {
  const [row] = await owner.em
    .fork()
    .execute<{ health_status: string | null; health_error: string | null; health_checked_at: Date | null }[]>(
      'select health_status, health_error, health_checked_at from integration.user_integrations where id = ?',
      [id],
    );
  return row!;
};

const historyOf = (scope: { orgId: string; userId: string }, id: string, limit = 100) =>
  inScopedTransaction(orm.em as EntityManager, scope, (em) => new HealthRepository(em).history(id, limit));

it('is healthy while the token works, failing once it is revoked, and raises the change in Core once, for the owner', async () => {
  const { slack, integration, check } = await setUp();
  expect(await check()).toMatchObject({ status: 'healthy', previousStatus: null, error: null, eventRaised: false });
  expect(slack.received.at(-1)).toMatchObject({ method: 'POST', path: '/auth.test' });
  expect(slack.received.at(-1)!.headers.authorization).toBe(`Bearer ${token}`);

  slack.revokeToken();
  const failing = await check();
  expect(failing).toMatchObject({ status: 'failing', previousStatus: 'healthy', eventRaised: true });
  expect(failing!.error).toContain('token_revoked');
  // Still failing: no second event.
  const again = await check();
  expect(again).toMatchObject({ status: 'failing', previousStatus: 'failing', eventRaised: false });

  const events = eventsOf(integration.id);
  expect(events).toHaveLength(1);
  expect(events[0]!.identity).toMatchObject({ orgId: integration.orgId, userId: integration.userId, authMethod: 'service' });
  expect(events[0]!.event).toEqual({
    tool: 'flowgraph',
    eventType: 'integration.health_changed',
    idempotencyKey: `health:${integration.id}:${failing!.checkedAt.toISOString()}`,
    occurredAt: failing!.checkedAt.toISOString(),
    payload: { integrationId: integration.id, connector: 'slack', status: 'failing', previousStatus: 'healthy', error: failing!.error },
  });
  const row = await stored(integration.id);
  expect(row.health_status).toBe('failing');
  expect(new Date(row.health_checked_at!)).toEqual(again!.checkedAt);
  expect(row.health_error).not.toContain(token);
});

it('is degraded after one outage or a rate limit, failing after consecutive outages, and healthy again when Slack answers', async () => {
  const { slack, integration, check } = await setUp();
  await check();
  slack.outageNext(1);
  expect(await check()).toMatchObject({
    status: 'degraded',
    previousStatus: 'healthy',
    eventRaised: false,
    error: expect.stringContaining('503'),
  });
  expect(await check()).toMatchObject({ status: 'healthy' });

  slack.rateLimitNext(1, 30);
  expect(await check()).toMatchObject({ status: 'degraded', error: expect.stringContaining('ratelimited') });
  slack.outageNext(2);
  expect(await check()).toMatchObject({ status: 'degraded', eventRaised: false });
  expect(await check()).toMatchObject({ status: 'failing', previousStatus: 'degraded', eventRaised: true });
  expect(await check()).toMatchObject({ status: 'healthy', previousStatus: 'failing', eventRaised: false });
  expect(eventsOf(integration.id).map((e) => e.event.payload.status)).toEqual(['failing']);
});

it('is degraded when Slack answers slower than INTEGRATION_HEALTH_SLOW_MS, and failing on a check that never answers in time', async () => {
  const { slack, check } = await setUp({
    INTEGRATION_HEALTH_SLOW_MS: '50',
    INTEGRATION_HEALTH_TIMEOUT_MS: '400',
    INTEGRATION_HEALTH_FAILING_AFTER: '1',
  });
  slack.delayNext(1, 150);
  expect(await check()).toMatchObject({ status: 'degraded', error: expect.stringMatching(/slower than 50 ms/) });
  slack.delayNext(1, 2_000);
  const started = Date.now();
  expect(await check()).toMatchObject({ status: 'failing', error: expect.stringContaining('within 400 ms') });
  expect(Date.now() - started).toBeLessThan(1_500);
});

it('keeps the newest checks per integration, newest first, and purges old checks and action calls', async () => {
  const { integration, scope, check } = await setUp({ INTEGRATION_HEALTH_HISTORY: '3' });
  const results = [];
  for (let i = 0; i < 5; i += 1) results.push(await check());
  const history = await historyOf(scope, integration.id);
  expect(history.map((h) => h.checkedAt)).toEqual(
    results
      .slice(2)
      .reverse()
      .map((r) => r!.checkedAt),
  );
  expect(history.every((h) => h.status === 'healthy' && h.durationMs !== null)).toBe(true);
  // Another organization sees none of it.
  expect(await historyOf({ orgId: randomUUID(), userId: scope.userId }, integration.id)).toEqual([]);

  const ownerEm = owner.em.fork();
  await ownerEm.execute(
    `update integration.health_checks set checked_at = now() - interval '40 days' where id = (
    select min(id) from integration.health_checks where integration_id = ?)`,
    [integration.id],
  );
  await ownerEm.execute(
    `insert into integration.action_calls (org_id, idempotency_key, integration_id, connector, action, status, started_at)
     values (?, 'old', ?, 'slack', 'post_message', 'succeeded', now() - interval '31 days'),
            (?, 'recent', ?, 'slack', 'post_message', 'succeeded', now() - interval '29 days')`,
    [scope.orgId, integration.id, scope.orgId, integration.id],
  );
  const em = orm.em.fork() as EntityManager;
  expect(await purgeHealthChecks(em, 30)).toBe(1);
  expect(await historyOf(scope, integration.id)).toHaveLength(2);
  expect(await purgeActionCalls(em, 30)).toBe(1);
  const keys = await ownerEm.execute<{ idempotency_key: string }[]>(
    'select idempotency_key from integration.action_calls where org_id = ?',
    [scope.orgId],
  );
  expect(keys.map((k) => k.idempotency_key)).toEqual(['recent']);
});

it('is disconnected when the integration is disconnected or has no credentials, raising the change', async () => {
  const { integration, scope, check, health, config } = await setUp();
  await check();
  await owner.em
    .fork()
    .execute(`update integration.user_integrations set status = 'disconnected', is_active = false where id = ?`, [integration.id]);
  expect(await check()).toMatchObject({ status: 'disconnected', previousStatus: 'healthy', eventRaised: true });

  const bare = await seedIntegration(orm, secretKeyringFromConfig(config), 'slack', null, scope.orgId);
  const result = await health.check({ orgId: bare.orgId, userId: bare.userId }, bare.id);
  expect(result).toMatchObject({
    status: 'disconnected',
    previousStatus: null,
    eventRaised: true,
    error: expect.stringContaining('No credentials'),
  });
  expect(eventsOf(bare.id)).toHaveLength(1);
  expect(eventsOf(integration.id).map((e) => e.event.payload)).toEqual([
    expect.objectContaining({ status: 'disconnected', previousStatus: 'healthy' }),
  ]);
  // Another organization's scope finds nothing to check.
  expect(await health.check({ orgId: randomUUID(), userId: scope.userId }, integration.id)).toBeNull();
});

it("checks every organization's connected integrations in a sweep, and records a disconnection once", async () => {
  const { integration, config, health } = await setUp();
  const keyring = secretKeyringFromConfig(config);
  const other = await seedIntegration(orm, keyring, 'slack', { kind: 'oauth2', accessToken: token });
  const revoked = await seedIntegration(orm, keyring, 'slack', { kind: 'oauth2', accessToken: 'xoxb-someone-else' });
  const sweep = async (h: IntegrationHealthService) => h.checkAll();
  expect(await sweep(health)).toMatchObject({ failed: 0 });
  expect((await stored(integration.id)).health_status).toBe('healthy');
  expect((await stored(other.id)).health_status).toBe('healthy');
  expect((await stored(revoked.id)).health_status).toBe('failing');

  await owner.em
    .fork()
    .execute(`update integration.user_integrations set status = 'disconnected', is_active = false where id = ?`, [other.id]);
  await sweep(health);
  await sweep(health);
  expect((await stored(other.id)).health_status).toBe('disconnected');
  expect(eventsOf(other.id).map((e) => e.event.payload.status)).toEqual(['disconnected']);
  expect(eventsOf(revoked.id).map((e) => e.event.payload.status)).toEqual(['failing']);
});

describe('the integration worker', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = createRedis(loadConfig().REDIS_URL, { forWorkers: true });
  });
  afterAll(() => redis.quit());

  it('schedules the health sweep on INTEGRATION_HEALTH_SCHEDULE, and the daily re-encryption and purges', async () => {
    const slack = await startSlackServer({ token });
    opened.push(slack);
    const config = configFor(slack, { INTEGRATION_HEALTH_SCHEDULE: '*/2 * * * *' });
    const prefix = bullPrefix(config.REDIS_PREFIX);
    // Closed last: the test's keys go once the workers have stopped.
    opened.push({
      close: async () => {
        await redis.eval(`for _, key in ipairs(redis.call('keys', ARGV[1])) do redis.call('del', key) end`, 0, `${prefix}:*`);
      },
    });
    const workers = await startWorkers({ orm, connection: redis, logger, config });
    opened.push(workers);
    const health = new Queue(QUEUES.health, { connection: redis, prefix });
    const maintenance = new Queue(QUEUES.maintenance, { connection: redis, prefix });
    opened.push(health, maintenance);
    expect((await health.getJobSchedulers()).map((s) => [s.key, s.pattern])).toEqual([['check-integrations-health', '*/2 * * * *']]);
    expect((await maintenance.getJobSchedulers()).map((s) => s.key).sort()).toEqual([
      'purge-action-calls',
      'purge-health-checks',
      'reencrypt-credentials',
    ]);
  });
});
