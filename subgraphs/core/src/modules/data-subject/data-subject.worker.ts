import { Queue, Worker, UnrecoverableError } from 'bullmq';
import type { EntityManager } from '@mikro-orm/postgresql';
import { inScopedTransaction, queueTelemetry, type Logger, type Redis } from '@flowgraph/kernel';
import { QUEUES } from '../../jobs/queues';
import { DataSubjectRepository } from './data-subject.repository';
import { DATA_SUBJECT_JOB, EXPORT_EXPIRY_JOB, runDataSubjectRequest, type DataSubjectJobData } from './data-subject.job';
import { EXPORT_TTL_MS } from './export-link';
import type { SubjectClients } from './subject-clients';

export interface DataSubjectWorkerDeps {
  root: EntityManager;
  /** A connection made with `createRedis(url, { forWorkers: true })`. */
  connection: Redis;
  /** A plain connection for the erasure's own reads and writes. */
  redis: Redis;
  redisPrefix: string;
  prefix: string;
  clients: SubjectClients;
  logger: Logger;
}

/** Retries of a request's job: a subgraph down for a while is waited out (exponential, from 5 s: about 40 min in all). */
export const DATA_SUBJECT_ATTEMPTS = 10;

/** Adds a request's job (its id is the job id, so asking twice queues it once). */
export function enqueueDataSubjectRequest(queue: Queue<DataSubjectJobData>, requestId: string) {
  return queue.add(
    DATA_SUBJECT_JOB,
    { requestId },
    {
      jobId: requestId,
      attempts: DATA_SUBJECT_ATTEMPTS,
      backoff: { type: 'exponential', delay: 5000 },
      removeOnComplete: true,
      removeOnFail: false,
    },
  );
}

/**
 * The data-subject queue's worker: runs requests (export, erasure) and deletes archives nobody
 * downloaded once they expire. A job is re-run from its first unfinished step after a retry or a
 * restart (BullMQ hands a stalled job of a dead worker to another); a request whose attempts
 * are all spent is marked failed, visible to the person and in the failed set for an operator.
 */
export function startDataSubjectWorker(deps: DataSubjectWorkerDeps) {
  const { connection, prefix, logger } = deps;
  const queue = new Queue<DataSubjectJobData>(QUEUES.dataSubject, { connection, prefix, telemetry: queueTelemetry() });
  const worker = new Worker<DataSubjectJobData>(
    QUEUES.dataSubject,
    async (job) => {
      if (job.name === EXPORT_EXPIRY_JOB) {
        const expired = await dropArchive(deps, job.data.requestId);
        return { expired };
      }
      if (job.name !== DATA_SUBJECT_JOB) throw new UnrecoverableError(`unknown job ${job.name}`);
      const request = await runDataSubjectRequest({ ...deps, root: deps.root }, job.data.requestId);
      if (request?.kind === 'export') {
        await queue.add(EXPORT_EXPIRY_JOB, job.data, {
          jobId: `expiry-${request.id}`,
          delay: EXPORT_TTL_MS + 1000,
          removeOnComplete: true,
        });
      }
      return { status: request?.status ?? 'completed' };
    },
    { connection, prefix, concurrency: 1, telemetry: queueTelemetry() },
  );
  worker.on('failed', (job, error) => {
    logger.error({ job: job?.name, request_id: job?.data.requestId, attempt: job?.attemptsMade, err: error }, 'data-subject job failed');
    if (job && job.name === DATA_SUBJECT_JOB && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      markFailed(deps, job.data.requestId, error.message).catch((err: unknown) => logger.error({ err }, 'could not mark a request failed'));
    }
  });
  return {
    queue,
    worker,
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}

async function ownerOf(root: EntityManager, requestId: string): Promise<string | null> {
  const [row] = await root
    .fork()
    .execute<{ userId: string | null }[]>(`select user_id as "userId" from core.data_subject_request_scope(?)`, [requestId]);
  return row?.userId ?? null;
}

async function dropArchive(deps: DataSubjectWorkerDeps, requestId: string): Promise<boolean> {
  const userId = await ownerOf(deps.root, requestId);
  if (!userId) return false;
  await inScopedTransaction(deps.root, { userId }, (em) => new DataSubjectRepository(em).dropArchive(requestId));
  return true;
}

async function markFailed(deps: DataSubjectWorkerDeps, requestId: string, error: string): Promise<void> {
  const userId = await ownerOf(deps.root, requestId);
  if (userId) await inScopedTransaction(deps.root, { userId }, (em) => new DataSubjectRepository(em).fail(requestId, error));
}
