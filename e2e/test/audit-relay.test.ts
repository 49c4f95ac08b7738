/**
 * The way a subgraph's audit entry reaches Core's audit log, piece by piece: written with its
 * change (and gone with a rolled-back one), kept in the outbox while Redis cannot take it,
 * published by the kernel relay and stored once by Core's consumer even when delivered twice.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  AuditRelay,
  Redis,
  auditStreamKey,
  createLogger,
  createOrm,
  createRedis,
  inScopedTransaction,
  loadConfig,
  recordAudit,
  type StreamConsumer,
} from '@flowgraph/kernel';
import { createTestDatabase, uniqueName, until, type TestDatabase } from '@flowgraph/kernel/testing';
import { AUDIT_LOG_GROUP, createAuditStreamConsumer } from '@flowgraph/core/testing';

const logger = createLogger('test', process.env.TEST_LOG ?? 'silent');
let db: TestDatabase;
let orm: MikroORM;
let redis: Redis;
let owner: Client;
let app: Client;
let prefix: string;
let consumer: StreamConsumer | undefined;
const orgId = randomUUID();
const userId = randomUUID();

const ownerRows = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  (await owner.query(sql, params)).rows as T[];
const relay = (client = redis) => new AuditRelay({ orm, schema: 'workflow', redis: client, redisPrefix: prefix, logger });
/** Records an entry as the workflow subgraph does inside a request, then runs `after` in the same transaction. */
const change = (requestId: string, after: () => Promise<void> = async () => undefined) =>
  inScopedTransaction(orm.em as EntityManager, { orgId, userId }, async (em) => {
    await recordAudit(em, 'workflow', {
      orgId,
      actorId: userId,
      action: 'workflow.publishWorkflow',
      targetType: 'workflow',
      targetId: randomUUID(),
      requestId,
      metadata: { version: 2 },
    });
    await after();
  });
const outbox = (requestId: string) => ownerRows<{ id: string }>('select id from workflow.audit_outbox where request_id = $1', [requestId]);
const stored = (requestId: string) =>
  ownerRows<{ id: string; org_id: string; actor_id: string; action: string }>(
    'select id, org_id, actor_id, action from core.audit_log where request_id = $1',
    [requestId],
  );

beforeAll(async () => {
  db = await createTestDatabase('audit_relay');
  orm = await createOrm({ url: db.appUrl, entities: [], poolMax: 4 });
  redis = createRedis(loadConfig().REDIS_URL);
  prefix = uniqueName('audittest');
  owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  app = new Client({ connectionString: db.appUrl });
  await app.connect();
  await owner.query(`insert into core.organizations (id, name) values ($1, 'Audited')`, [orgId]);
});

afterAll(async () => {
  await consumer?.stop();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await app.end();
  await owner.end();
  await orm.close(true);
  await db.drop();
});

it('writes no entry for a change that rolled back', async () => {
  const requestId = randomUUID();
  await expect(change(requestId, async () => Promise.reject(new Error('the change failed')))).rejects.toThrow('the change failed');
  expect(await outbox(requestId)).toEqual([]);
});

it('keeps entries in the outbox while Redis cannot take them', async () => {
  const requestId = randomUUID();
  await change(requestId);
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const down = new Redis(port, '127.0.0.1', {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    lazyConnect: true,
  });
  try {
    await expect(relay(down).publishBatch()).rejects.toThrow();
  } finally {
    down.disconnect();
  }
  expect(await outbox(requestId)).toHaveLength(1);
});

it('publishes the outbox and stores each entry in the audit log once, even when the stream delivers it twice', async () => {
  const requestId = randomUUID();
  await change(requestId);
  expect(await relay().publishBatch()).toBeGreaterThanOrEqual(1);
  expect(await outbox(requestId)).toEqual([]); // cleared once published
  const stream = auditStreamKey(prefix);
  const [[, fields]] = await redis.xrevrange(stream, '+', '-', 'COUNT', 1);
  await redis.xadd(stream, '*', ...fields); // what a relay crash between XADD and clearing does

  consumer = createAuditStreamConsumer({ root: orm.em as EntityManager, redis, redisPrefix: prefix, logger, blockMs: 100 });
  await consumer.start();
  await until(async () => {
    const [last] = await redis.xrevrange(stream, '+', '-', 'COUNT', 1);
    const groups = (await redis.xinfo('GROUPS', stream)) as unknown[][];
    const info = Object.fromEntries(groups[0].flatMap((v, i, a) => (i % 2 === 0 ? [[v, a[i + 1]]] : [])));
    return info.name === AUDIT_LOG_GROUP && info['last-delivered-id'] === last[0] && Number(info.pending) === 0;
  });
  const entries = await stored(requestId);
  expect(entries).toEqual([{ id: fields[fields.indexOf('id') + 1], org_id: orgId, actor_id: userId, action: 'workflow.publishWorkflow' }]);
});

it('lets the application role insert into the outbox but not read, change or clear it', async () => {
  for (const sql of [
    'select * from workflow.audit_outbox',
    `update workflow.audit_outbox set action = 'forged'`,
    'delete from workflow.audit_outbox',
  ]) {
    await expect(app.query(sql)).rejects.toThrow(/permission denied/);
  }
});
