import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, createOrm, createRedis, type Identity, type RunningServer } from '@flowgraph/kernel';
import { createTestDatabase, postGraphQL, uniqueName, until, type GraphQLResponse, type TestDatabase } from '@flowgraph/kernel/testing';
import { loadWorkflowConfig, type WorkflowConfig } from '../../src/config';
import { entities } from '../../src/entities';
import { startWorkflowServer } from '../../src/server';
import { createWorkflowServerResources } from '../../src/server-resources';
import { startWorkers } from '../../src/workers';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The workflow subgraph with the executions module on its own database, Redis prefix and queues, for one test file. */
export interface ExecutionHarness {
  db: TestDatabase;
  orm: MikroORM;
  config: WorkflowConfig;
  env: Record<string, string>;
  server: RunningServer;
  executionQueue: Queue;
  orgId: string;
  member: Partial<Identity> & { userId: string; orgId: string };
  call<T = Row>(query: string, variables?: Record<string, unknown>, identity?: Partial<Identity>): Promise<GraphQLResponse<T>>;
  owner<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A workflow with `definition` published as live version 1. */
  seedWorkflow(definition: Record<string, unknown>, options?: { concurrencyLimit?: number }): Promise<string>;
  /** Starts the execution worker in this process (the trigger workers stay off). */
  startWorker(): Promise<{ close(): Promise<void> }>;
  execute(workflowId: string, input?: Record<string, unknown>, idempotencyKey?: string): Promise<string>;
  waitForStatus(executionId: string, statuses: string[], timeoutMs?: number): Promise<Row>;
  steps(executionId: string): Promise<Row[]>;
  close(): Promise<void>;
}

export const EXECUTE = `mutation($input: ExecuteWorkflowInput!) { executeWorkflow(input: $input) { execution { id status } } }`;

export async function startExecutionHarness(name: string, extraEnv: Record<string, string> = {}): Promise<ExecutionHarness> {
  const db = await createTestDatabase(name);
  const env: Record<string, string> = {
    REDIS_PREFIX: uniqueName(`fgtest_${name}`),
    DATABASE_APP_URL: db.appUrl,
    WORKFLOW_HTTP_ALLOWED_HOSTS: '127.0.0.1',
    WORKFLOW_LOCK_DURATION_MS: '2000',
    WORKFLOW_STALLED_INTERVAL_MS: '1000',
    WORKFLOW_SWEEP_INTERVAL_MS: '1000',
    ...extraEnv,
  };
  const config = loadWorkflowConfig({ ...process.env, ...env });
  const orm = await createOrm({ url: db.appUrl, entities });
  const redis = createRedis(config.REDIS_URL, { forWorkers: true });
  const resources = createWorkflowServerResources(redis, config);
  const { triggersQueue, executionQueue } = resources.triggers;
  const logger = createLogger('workflow', process.env.TEST_LOG ?? 'silent');
  const server = await startWorkflowServer({ orm, logger, identitySecret: config.IDENTITY_SECRET, ...resources });
  const ownerClient = new Client({ connectionString: db.ownerUrl });
  await ownerClient.connect();
  const orgId = randomUUID();
  const member = { userId: randomUUID(), orgId, role: 'member' as const, authMethod: 'jwt' as const };
  const owner = async <T extends Row = Row>(sql: string, params: unknown[] = []) => (await ownerClient.query(sql, params)).rows as T[];
  const workers: { close(): Promise<void> }[] = [];
  const call = <T = Row>(query: string, variables: Record<string, unknown> = {}, identity: Partial<Identity> = member) =>
    postGraphQL<T>(server.url, query, variables, { identity, secret: config.IDENTITY_SECRET });
  const harness: ExecutionHarness = {
    db,
    orm,
    config,
    env,
    server,
    executionQueue,
    orgId,
    member,
    call,
    owner,
    async seedWorkflow(definition, options = {}) {
      const id = randomUUID();
      await owner(
        `insert into workflow.workflows (id, org_id, user_id, name, is_active, live_version, latest_version, concurrency_limit)
         values ($1, $2, $3, 'engine test', true, 1, 1, $4)`,
        [id, orgId, member.userId, options.concurrencyLimit ?? 5],
      );
      await owner(
        `insert into workflow.workflow_versions (id, org_id, workflow_id, version, definition, created_by) values ($1, $2, $3, 1, $4, $5)`,
        [randomUUID(), orgId, id, JSON.stringify(definition), member.userId],
      );
      return id;
    },
    async startWorker() {
      const connection = createRedis(config.REDIS_URL, { forWorkers: true });
      const publisher = createRedis(config.REDIS_URL);
      const running = await startWorkers({ orm, connection, publisher, logger, config, triggers: false });
      const handle = {
        async close() {
          await running.close();
          await connection.quit();
          await publisher.quit();
        },
      };
      workers.push(handle);
      return handle;
    },
    async execute(workflowId, input = {}, idempotencyKey) {
      const response = await call<{ executeWorkflow: { execution: { id: string } } }>(EXECUTE, {
        input: { workflowId, input, idempotencyKey },
      });
      if (!response.data) throw new Error(JSON.stringify(response.errors));
      return response.data.executeWorkflow.execution.id;
    },
    waitForStatus(executionId, statuses, timeoutMs = 15_000) {
      return until(
        async () => {
          const [row] = await owner('select * from workflow.executions where id = $1', [executionId]);
          return row && statuses.includes(row.status) ? row : null;
        },
        timeoutMs,
        `execution ${executionId} to be ${statuses.join('|')}`,
      );
    },
    steps: (executionId) => owner('select * from workflow.step_runs where execution_id = $1 order by started_at, step_id', [executionId]),
    async close() {
      for (const w of workers.splice(0)) await w.close().catch(() => undefined);
      await server.stop();
      await triggersQueue.obliterate({ force: true }).catch(() => undefined);
      await executionQueue.obliterate({ force: true }).catch(() => undefined);
      await resources.close();
      const keys = await redis.keys(`${config.REDIS_PREFIX}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await ownerClient.end();
      await orm.close();
      await db.drop();
    },
  };
  return harness;
}
