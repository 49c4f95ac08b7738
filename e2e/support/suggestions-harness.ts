import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  RedisPubSub,
  createLogger,
  createOrm,
  createRedis,
  inScopedTransaction,
  type Identity,
  type Logger,
  type Redis,
  type RunningServer,
} from '@flowgraph/kernel';
import { createTestDatabase, postGraphQL, uniqueName, type GraphQLResponse, type TestDatabase } from '@flowgraph/kernel/testing';
// Tests may start another subgraph in-process; the analytics code itself only talks to it over HTTP.
import { createWorkflowServerResources, entities as workflowEntities, loadWorkflowConfig, startWorkflowServer } from '@flowgraph/workflow';
import { entities, startAnalyticsServer } from '@flowgraph/analytics';
import {
  loadAnalyticsConfig,
  type AnalyticsConfig,
  PatternEntity,
  type PatternStep,
  type PatternListener,
  SuggestionFeed,
  createSuggestionListener,
  suggestionSettings,
  WorkflowClient,
} from '@flowgraph/analytics/testing';

export const PR_TO_SLACK: PatternStep[] = [
  { tool: 'github', eventType: 'pr.opened' },
  { tool: 'slack', eventType: 'message.posted' },
];
export const ISSUES_TO_TEAMS: PatternStep[] = [
  { tool: 'gitlab', eventType: 'issue.opened' },
  { tool: 'teams', eventType: 'message.posted' },
];

export interface PatternFields {
  sequence: PatternStep[];
  support: number;
  confidence?: number;
  supportLastWeek?: number;
  active?: boolean;
}

type AnyData = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A real Workflow subgraph and the analytics subgraph (with its Workflow client and suggestion
 * feed) over one fresh database and Redis prefix, for one test file.
 */
export interface SuggestionsHarness {
  db: TestDatabase;
  orm: MikroORM;
  redis: Redis;
  config: AnalyticsConfig;
  /** With a subscriber connection: the server's feed, and what tests listen on. */
  pubsub: RedisPubSub;
  feed: SuggestionFeed;
  workflowClient: WorkflowClient;
  logger: Logger;
  analytics: RunningServer;
  workflow: RunningServer;
  /** The listener as the worker would build it from the configuration. */
  listener: PatternListener;
  call<T = AnyData>(query: string, variables?: Record<string, unknown>, identity?: Partial<Identity>): Promise<GraphQLResponse<T>>;
  callWorkflow<T = AnyData>(query: string, variables?: Record<string, unknown>, identity?: Partial<Identity>): Promise<GraphQLResponse<T>>;
  /** SQL as the database owner (sees every organization). */
  owner<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A pattern row as the miner writes it (app role, under row-level security). */
  insertPattern(orgId: string, userId: string, fields: PatternFields): Promise<string>;
  /** Changes a pattern's figures as a later mining would. */
  updatePattern(id: string, fields: { support?: number; supportLastWeek?: number }): Promise<void>;
  /** Events in Analytics' copy, with the attributes the event copy keeps. */
  insertEvents(
    orgId: string,
    userId: string,
    events: { tool: string; eventType: string; attributes: Record<string, string> }[],
  ): Promise<void>;
  /**
   * What the miner does after writing a user's patterns: calls `listener` in its scoped
   * transaction with the user's active patterns, then runs the returned task after commit.
   * Resolves to whether there was a task (something to announce).
   */
  mine(orgId: string, userId: string, listener?: PatternListener): Promise<boolean>;
  close(): Promise<void>;
}

export async function startSuggestionsHarness(name: string): Promise<SuggestionsHarness> {
  const db = await createTestDatabase(name);
  const redisPrefix = uniqueName(`fgtest_${name}`);
  const config = loadAnalyticsConfig({ ...process.env, REDIS_PREFIX: redisPrefix });
  const logger = createLogger('analytics', process.env.TEST_LOG ?? 'silent');
  const redis = createRedis(config.REDIS_URL);
  const subscriber = createRedis(config.REDIS_URL, { forWorkers: true });
  const pubsub = new RedisPubSub(redis, subscriber);
  const feed = new SuggestionFeed(pubsub, redisPrefix);

  const workflowOrm = await createOrm({ url: db.appUrl, entities: workflowEntities, poolMax: 4 });
  const workflowRedis = createRedis(config.REDIS_URL);
  const workflowResources = createWorkflowServerResources(workflowRedis, loadWorkflowConfig({ ...process.env, REDIS_PREFIX: redisPrefix }));
  const workflow = await startWorkflowServer({ orm: workflowOrm, logger, identitySecret: config.IDENTITY_SECRET, ...workflowResources });
  const workflowClient = new WorkflowClient({ origin: new URL(workflow.url).origin, identitySecret: config.IDENTITY_SECRET });

  const orm = await createOrm({ url: db.appUrl, entities });
  const analytics = await startAnalyticsServer({
    orm,
    logger,
    identitySecret: config.IDENTITY_SECRET,
    modules: { suggestions: { workflow: workflowClient, feed }, reporting: {} },
  });
  const listener = createSuggestionListener({ workflow: workflowClient, feed, logger, ...suggestionSettings(config) });

  const ownerClient = new Client({ connectionString: db.ownerUrl });
  await ownerClient.connect();
  const sign =
    (url: string) =>
    (query: string, variables: Record<string, unknown> = {}, identity: Partial<Identity> = {}) =>
      postGraphQL(url, query, variables, { identity, secret: config.IDENTITY_SECRET });

  return {
    db,
    orm,
    redis,
    config,
    pubsub,
    feed,
    workflowClient,
    logger,
    analytics,
    workflow,
    listener,
    call: sign(analytics.url) as SuggestionsHarness['call'],
    callWorkflow: sign(workflow.url) as SuggestionsHarness['callWorkflow'],
    owner: async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
      (await ownerClient.query(sql, params)).rows as T[],
    async insertPattern(orgId, userId, fields) {
      const id = randomUUID();
      await inScopedTransaction(orm.em, { orgId }, async (em) => {
        const seen = new Date();
        em.create(PatternEntity, {
          id,
          orgId,
          userId,
          sequence: fields.sequence,
          support: fields.support,
          confidence: fields.confidence ?? 0.8,
          supportLastWeek: fields.supportLastWeek ?? 0,
          active: fields.active ?? true,
          firstSeenAt: seen,
          lastSeenAt: seen,
          createdAt: seen,
        });
        await em.flush();
      });
      return id;
    },
    async updatePattern(id, fields) {
      await ownerClient.query(
        'update analytics.patterns set support = coalesce($2, support), support_last_week = coalesce($3, support_last_week) where id = $1',
        [id, fields.support ?? null, fields.supportLastWeek ?? null],
      );
    },
    async insertEvents(orgId, userId, events) {
      await inScopedTransaction(orm.em, { orgId }, async (em) => {
        for (const event of events) {
          await em.execute(
            `insert into analytics.events (id, org_id, user_id, tool, event_type, occurred_at, attributes) values (?, ?, ?, ?, ?, now() - interval '1 day', ?::jsonb)`,
            [randomUUID(), orgId, userId, event.tool, event.eventType, JSON.stringify(event.attributes)],
          );
        }
      });
    },
    async mine(orgId, userId, chosen = listener) {
      const task = await inScopedTransaction(orm.em, { orgId, userId }, async (em) => {
        const patterns = await em.find(PatternEntity, { userId, active: true });
        return chosen({ orgId, userId, em, patterns, now: new Date() });
      });
      if (task) await task();
      return Boolean(task);
    },
    async close() {
      await analytics.stop();
      await workflow.stop();
      await workflowResources.close();
      await orm.close(true);
      await workflowOrm.close(true);
      const keys = await redis.keys(`${redisPrefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      subscriber.disconnect();
      redis.disconnect();
      workflowRedis.disconnect();
      await ownerClient.end();
      await db.drop();
    },
  };
}

export const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;
