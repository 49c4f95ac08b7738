import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Queue } from 'bullmq';
import { RedisPubSub, queueTelemetry, type Logger, type Redis } from '@flowgraph/kernel';
import { CoreClient } from '../clients/core-client';
import type { WorkflowConfig } from '../config';
import type { ExecutionJobData } from '../modules/executions/execution.job';
import { ExecutionUpdates } from '../modules/executions/execution-updates';
import { AddressPolicy } from '../modules/steps/address-guard';
import { createStepRunners } from '../modules/steps/step-runners';
import { startTriggerWorkers } from '../modules/triggers/trigger.workers';
import { startExecutionSweeper } from './execution-sweeper';
import { startExecutionWorker } from './execution.worker';
import { startMaintenanceWorker } from './maintenance.worker';
import { QUEUES, bullPrefix } from './queues';

export interface WorkflowWorkerDeps {
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
    | 'WORKFLOW_HTTP_ALLOWED_HOSTS'
    | 'WORKFLOW_WORKER_CONCURRENCY'
    | 'WORKFLOW_LOCK_DURATION_MS'
    | 'WORKFLOW_STALLED_INTERVAL_MS'
    | 'WORKFLOW_MAX_STALLED_COUNT'
    | 'WORKFLOW_SWEEP_INTERVAL_MS'
    | 'WORKFLOW_DEPENDENCY_WAIT_MS'
    | 'WORKFLOW_DEPENDENCY_BACKOFF_MAX_MS'
  >;
  /** Tests start the execution side alone. Default: true. */
  triggers?: boolean;
}

/** Everything the workflow worker process runs: executions, their sweeper, maintenance and the triggers. */
export async function startWorkflowWorkers(deps: WorkflowWorkerDeps): Promise<{ close(): Promise<void> }> {
  const { config, connection, logger } = deps;
  const root = deps.orm.em as EntityManager;
  const prefix = bullPrefix(config.REDIS_PREFIX);
  const runners = createStepRunners({
    core: new CoreClient({ origin: config.CORE_ORIGIN, identitySecret: config.IDENTITY_SECRET }),
    addressPolicy: AddressPolicy.fromList(config.WORKFLOW_HTTP_ALLOWED_HOSTS),
  });
  const updates = new ExecutionUpdates(new RedisPubSub(deps.publisher), config.REDIS_PREFIX);
  const executionQueue = new Queue<ExecutionJobData>(QUEUES.executions, { connection, prefix, telemetry: queueTelemetry() });
  const executions = await startExecutionWorker({
    root,
    connection,
    prefix,
    runners,
    updates,
    logger,
    concurrency: config.WORKFLOW_WORKER_CONCURRENCY,
    lockDurationMs: config.WORKFLOW_LOCK_DURATION_MS,
    stalledIntervalMs: config.WORKFLOW_STALLED_INTERVAL_MS,
    maxStalledCount: config.WORKFLOW_MAX_STALLED_COUNT,
    dependencyWait: { horizonMs: config.WORKFLOW_DEPENDENCY_WAIT_MS, maxBackoffMs: config.WORKFLOW_DEPENDENCY_BACKOFF_MAX_MS },
  });
  const maintenance = await startMaintenanceWorker({ root, connection, prefix, logger });
  const sweeper = startExecutionSweeper({ root, queue: executionQueue, logger, intervalMs: config.WORKFLOW_SWEEP_INTERVAL_MS });
  const triggers =
    deps.triggers === false
      ? null
      : await startTriggerWorkers({ orm: deps.orm, connection, redisPrefix: config.REDIS_PREFIX, logger, executionQueue });
  return {
    async close() {
      await triggers?.close();
      await sweeper.close();
      await maintenance.close();
      await executions.close();
      await executionQueue.close();
      await runners.close();
    },
  };
}
