import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { eventStreamKey } from '@flowgraph/contracts';
import { createLogger, createOrm, createRedis, type Logger, type Redis } from '@flowgraph/kernel';
import { createTestDatabase, uniqueName, type TestDatabase } from '@flowgraph/kernel/testing';
import { loadAnalyticsConfig, type AnalyticsConfig } from '../config';
import { entities } from '../entities';
import { startWorkers } from '../workers';
import type { PatternListener } from '../modules/patterns/pattern-listener';
import type { CopiedEvent } from '../modules/event-copy/copied-event';

/** An analytics database (app role, under RLS) with an owner connection for assertions. */
export interface AnalyticsDatabase {
  db: TestDatabase;
  orm: MikroORM;
  root: EntityManager;
  /** SQL as the database owner (sees every organization). */
  owner<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function openAnalyticsDatabase(name: string): Promise<AnalyticsDatabase> {
  const db = await createTestDatabase(name);
  const orm = await createOrm({ url: db.appUrl, entities });
  const client = new Client({ connectionString: db.ownerUrl });
  await client.connect();
  return {
    db,
    orm,
    root: orm.em as EntityManager,
    owner: async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    async close() {
      await client.end();
      await orm.close(true);
      await db.drop();
    },
  };
}

/** A Redis prefix of the test file's own, and the stream under it. */
export interface TestStream {
  redis: Redis;
  config: AnalyticsConfig;
  key: string;
  add(...events: TestEvent[]): Promise<string[]>;
  /** Adds raw fields (malformed entries). */
  addRaw(fields: Record<string, string>): Promise<string>;
  close(): Promise<void>;
}

export async function openTestStream(name: string, env: Record<string, string> = {}): Promise<TestStream> {
  const config = loadAnalyticsConfig({ ...process.env, REDIS_PREFIX: uniqueName(`fgtest_${name}`), ...env });
  const redis = createRedis(config.REDIS_URL, { forWorkers: true });
  const key = eventStreamKey(config.REDIS_PREFIX);
  const addRaw = async (fields: Record<string, string>) => (await redis.xadd(key, '*', ...Object.entries(fields).flat())) as string;
  return {
    redis,
    config,
    key,
    addRaw,
    async add(...events) {
      const ids: string[] = [];
      for (const event of events) ids.push(await addRaw(streamFields(event)));
      return ids;
    },
    async close() {
      const keys = await redis.keys(`${config.REDIS_PREFIX}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
}

export type TestWorkers = Awaited<ReturnType<typeof startWorkers>>;

/**
 * Analytics' workers as its worker process starts them, on the test's stream (its `redis` and
 * `config`) and database, reading the stream every 200 ms. `close` also empties their queue and
 * drops the BullMQ connection opened here.
 */
export async function startTestWorkers(options: {
  orm: MikroORM;
  redis: Redis;
  config: AnalyticsConfig;
  logger?: Logger;
  patternListener?: PatternListener;
}): Promise<TestWorkers> {
  const connection = createRedis(options.config.REDIS_URL, { forWorkers: true });
  const running = await startWorkers({
    ...options,
    logger: options.logger ?? testLogger(),
    connection,
    eventConsumer: { blockMs: 200 },
  });
  return {
    ...running,
    async close() {
      await running.close();
      await running.queue.obliterate({ force: true }).catch(() => undefined);
      connection.disconnect();
    },
  };
}

/** An event as a test writes it. */
export interface TestEvent {
  id?: string;
  orgId: string;
  userId: string | null;
  tool: string;
  eventType: string;
  occurredAt: Date;
  payload?: Record<string, unknown>;
}

/** The fields Core's relay writes for an event. */
export function streamFields(event: TestEvent): Record<string, string> {
  return {
    id: event.id ?? randomUUID(),
    orgId: event.orgId,
    userId: event.userId ?? '',
    tool: event.tool,
    eventType: event.eventType,
    occurredAt: event.occurredAt.toISOString(),
    payload: JSON.stringify(event.payload ?? {}),
  };
}

/** The event as stored (no attributes), for code that stores directly. */
export function copied(event: TestEvent & { id: string }): CopiedEvent {
  return {
    id: event.id,
    orgId: event.orgId,
    userId: event.userId,
    tool: event.tool,
    eventType: event.eventType,
    occurredAt: event.occurredAt,
    attributes: {},
  };
}

export const testLogger = (): Logger => createLogger('analytics-test', process.env.TEST_LOG ?? 'silent');

/** Whether the group has read everything in the stream and acknowledged it. */
export async function drained(redis: Redis, key: string, group: string): Promise<boolean> {
  const [last] = await redis.xrevrange(key, '+', '-', 'COUNT', 1);
  const groups = (await redis.xinfo('GROUPS', key)) as unknown[][];
  const raw = groups.find((g) => g[g.indexOf('name') + 1] === group);
  if (!raw) return false;
  const info = Object.fromEntries(raw.flatMap((v, i, a) => (i % 2 === 0 ? [[v, a[i + 1]]] : [])));
  return info['last-delivered-id'] === last?.[0] && Number(info.pending) === 0;
}

/** A user's or an organization's patterns as comparable rows, by user then key. */
export interface PatternRow extends Record<string, unknown> {
  org_id: string;
  user_id: string;
  key: string;
  support: number;
  confidence: number;
  first_seen_at: string;
  last_seen_at: string;
  examples: { startedAt: string; endedAt: string; eventCount: number }[];
  support_last_week: number;
  support_previous_week: number;
  active: boolean;
}

export function patternRows(database: AnalyticsDatabase, where = 'true', params: unknown[] = []): Promise<PatternRow[]> {
  return database.owner<PatternRow>(
    `select org_id, user_id, key, support, confidence,
            to_char(first_seen_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as first_seen_at,
            to_char(last_seen_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_seen_at,
            examples, support_last_week, support_previous_week, active
     from analytics.patterns where ${where} order by org_id, user_id, key`,
    params,
  );
}
