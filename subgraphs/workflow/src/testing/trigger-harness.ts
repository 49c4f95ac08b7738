import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, createOrm, createRedis, type Identity, type Redis, type RunningServer, type SecretKeyring } from '@flowgraph/kernel';
import { createTestDatabase, postGraphQL, uniqueName, type GraphQLResponse, type TestDatabase } from '@flowgraph/kernel/testing';
import { loadWorkflowConfig, type WorkflowConfig } from '../config';
import { entities } from '../entities';
import { startWorkflowServer } from '../server';
import { createWorkflowServerResources } from '../server-resources';

/** A workflow subgraph with the triggers module on its own database, Redis prefix and queues, for one test file. */
/** A GraphQL answer read without a declared type (tests pick the fields they check). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyData = Record<string, any>;

export interface TriggerHarness {
  db: TestDatabase;
  orm: MikroORM;
  redis: Redis;
  config: WorkflowConfig;
  server: RunningServer;
  triggersQueue: Queue;
  executionQueue: Queue;
  cipher: SecretKeyring;
  orgId: string;
  admin: Partial<Identity> & { userId: string; orgId: string };
  call<T = AnyData>(query: string, variables?: Record<string, unknown>, identity?: Partial<Identity>): Promise<GraphQLResponse<T>>;
  /** SQL as the database owner (sees every organization). */
  owner<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** An active workflow with a published (live) version 1, inserted directly. */
  seedWorkflow(options?: { active?: boolean; orgId?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function startTriggerHarness(name: string, env: Record<string, string> = {}): Promise<TriggerHarness> {
  const db = await createTestDatabase(name);
  const config = loadWorkflowConfig({ ...process.env, REDIS_PREFIX: uniqueName(`fgtest_${name}`), ...env });
  const orm = await createOrm({ url: db.appUrl, entities });
  const redis = createRedis(config.REDIS_URL, { forWorkers: true });
  const resources = createWorkflowServerResources(redis, config);
  const { triggersQueue, executionQueue, cipher } = resources.triggers;
  const logger = createLogger('workflow', process.env.TEST_LOG ?? 'silent');
  const server = await startWorkflowServer({ orm, logger, identitySecret: config.IDENTITY_SECRET, ...resources });
  const ownerClient = new Client({ connectionString: db.ownerUrl });
  await ownerClient.connect();
  const orgId = randomUUID();
  const admin = { userId: randomUUID(), orgId, role: 'admin' as const, authMethod: 'jwt' as const };
  const owner = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    (await ownerClient.query(sql, params)).rows as T[];
  return {
    db,
    orm,
    redis,
    config,
    server,
    triggersQueue,
    executionQueue,
    cipher,
    orgId,
    admin,
    call: (query, variables = {}, identity = admin) =>
      postGraphQL(server.url, query, variables, { identity, secret: config.IDENTITY_SECRET }),
    owner,
    async seedWorkflow(options = {}) {
      const id = randomUUID();
      const org = options.orgId ?? orgId;
      await owner(
        `insert into workflow.workflows (id, org_id, user_id, name, is_active, live_version, latest_version) values ($1, $2, $3, 'triggered', $4, 1, 1)`,
        [id, org, admin.userId, options.active ?? true],
      );
      await owner(
        `insert into workflow.workflow_versions (id, org_id, workflow_id, version, definition, created_by) values ($1, $2, $3, 1, $4, $5)`,
        [randomUUID(), org, id, JSON.stringify({ steps: [], edges: [] }), admin.userId],
      );
      return id;
    },
    async close() {
      await server.stop();
      await triggersQueue.obliterate({ force: true }).catch(() => undefined);
      await executionQueue.obliterate({ force: true }).catch(() => undefined);
      await resources.close();
      await orm.close(true);
      const keys = await redis.keys(`${config.REDIS_PREFIX}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await ownerClient.end();
      await db.drop();
    },
  };
}

export const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;
