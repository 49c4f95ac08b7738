import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Queue } from 'bullmq';
import { AddressPolicy, RedisPubSub, queueTelemetry, type Logger, type Redis } from '@flowgraph/kernel';
import type { WorkflowConfig } from './config';
import { QUEUES, bullPrefix } from './jobs/queues';
import type { ExecutionJobData } from './modules/executions/execution.job';
import { ExecutionUpdates } from './modules/executions/execution-updates';
import { startExecutionsWorker } from './modules/executions/executions.worker';
import { CoreClient } from './modules/steps/core-client';
import { IntegrationClient } from './modules/steps/integration-client';
import { createStepRunners } from './modules/steps/step-runners';
import { startTriggersWorker } from './modules/triggers/triggers.worker';
import { webhookSecretKeyring } from './modules/triggers/webhook-secret.cipher';
import { startWorkflowsWorker } from './modules/workflows/workflows.worker';

export interface WorkerDeps {
  orm: MikroORM;
  /** `createRedis(url, { forWorkers: true })`: BullMQ's blocking commands. */
  connection: Redis;
  /** A plain connection for publishing execution updates. */
  publisher: Redis;
  logger: Logger;
  config: Pick<
    WorkflowConfig,
    | 'REDIS_PREFIX'
    | 'IDENTITY_SECRET'
    | 'CORE_ORIGIN'
    | 'INTEGRATION_ORIGIN'
    | 'WORKFLOW_HTTP_ALLOWED_HOSTS'
    | 'WORKFLOW_WORKER_CONCURRENCY'
    | 'WORKFLOW_LOCK_DURATION_MS'
    | 'WORKFLOW_STALLED_INTERVAL_MS'
    | 'WORKFLOW_MAX_STALLED_COUNT'
    | 'WORKFLOW_SWEEP_INTERVAL_MS'
    | 'WORKFLOW_DEPENDENCY_WAIT_MS'
    | 'WORKFLOW_DEPENDENCY_BACKOFF_MAX_MS'
    | 'WORKFLOW_EVENT_CLAIM_IDLE_MS'
    | 'WORKFLOW_EVENT_CLAIM_EVERY_MS'
    | 'NODE_ENV'
    | 'SECRET_KEYS'
    | 'SECRET_KEY_CURRENT'
    | 'WEBHOOK_SECRET_KEY'
  >;
  /** Tests start the execution side alone. Default: true. */
  triggers?: boolean;
}

export interface RunningWorkers {
  close(): Promise<void>;
}

/**
 * Everything the workflow worker process runs, module by module: executions (with their sweeper),
 * the workflows' maintenance queue and the triggers. Builds what they share: the step runners,
 * the execution-update publisher and the executions queue.
 */
export async function startWorkers(deps: WorkerDeps): Promise<RunningWorkers> {
  const { config, connection, logger } = deps;
  const root = deps.orm.em as EntityManager;
  const prefix = bullPrefix(config.REDIS_PREFIX);
  const runners = createStepRunners({
    core: new CoreClient({ origin: config.CORE_ORIGIN, identitySecret: config.IDENTITY_SECRET }),
    integration: new IntegrationClient({ origin: config.INTEGRATION_ORIGIN, identitySecret: config.IDENTITY_SECRET }),
    addressPolicy: AddressPolicy.fromList(config.WORKFLOW_HTTP_ALLOWED_HOSTS, 'WORKFLOW_HTTP_ALLOWED_HOSTS'),
  });
  const updates = new ExecutionUpdates(new RedisPubSub(deps.publisher), config.REDIS_PREFIX);
  const executionQueue = new Queue<ExecutionJobData>(QUEUES.executions, { connection, prefix, telemetry: queueTelemetry() });
  const executions = await startExecutionsWorker({
    root,
    connection,
    prefix,
    runners,
    updates,
    logger,
    queue: executionQueue,
    concurrency: config.WORKFLOW_WORKER_CONCURRENCY,
    lockDurationMs: config.WORKFLOW_LOCK_DURATION_MS,
    stalledIntervalMs: config.WORKFLOW_STALLED_INTERVAL_MS,
    maxStalledCount: config.WORKFLOW_MAX_STALLED_COUNT,
    sweepIntervalMs: config.WORKFLOW_SWEEP_INTERVAL_MS,
    dependencyWait: { horizonMs: config.WORKFLOW_DEPENDENCY_WAIT_MS, maxBackoffMs: config.WORKFLOW_DEPENDENCY_BACKOFF_MAX_MS },
  });
  const workflows = await startWorkflowsWorker({ root, connection, prefix, logger });
  const triggers =
    deps.triggers === false
      ? null
      : await startTriggersWorker({
          orm: deps.orm,
          connection,
          redisPrefix: config.REDIS_PREFIX,
          logger,
          executionQueue,
          keyring: webhookSecretKeyring(config),
          eventConsumer: { claimIdleMs: config.WORKFLOW_EVENT_CLAIM_IDLE_MS, claimEveryMs: config.WORKFLOW_EVENT_CLAIM_EVERY_MS },
        });
  return {
    async close() {
      await triggers?.close();
      await workflows.close();
      await executions.close();
      await executionQueue.close();
      await runners.close();
    },
  };
}
