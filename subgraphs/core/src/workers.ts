import type { Queue, Worker } from 'bullmq';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger, Redis } from '@flowgraph/kernel';
import { startAuditWorker } from './modules/audit/audit.worker';
import { enqueueDataSubjectRequest, startDataSubjectWorker } from './modules/data-subject/data-subject.worker';
import type { SubjectClients } from './modules/data-subject/subject-clients';
import type { EventRelay, EventRelayOptions } from './modules/events/event-relay';
import { startEventsWorker } from './modules/events/events.worker';
import type { RetentionJobData } from './modules/retention/retention.job';
import { startRetentionWorker } from './modules/retention/retention.worker';

export interface WorkerDeps {
  orm: MikroORM;
  /** A connection made with `createRedis(url, { forWorkers: true })`. */
  connection: Redis;
  prefix: string;
  logger: Logger;
  auditKeepDays: number;
  /** The outbox relay to the event stream; omitted, no relay runs (a process that only does maintenance). */
  eventRelay?: Omit<EventRelayOptions, 'orm' | 'logger'>;
  /** Where the other subgraphs' audit entries arrive, to be stored in the audit log; omitted, none are. */
  auditStream?: { redis: Redis; redisPrefix: string };
  /** Data-subject requests (exports, erasures) and the other subgraphs they reach; omitted, none run. */
  dataSubject?: { redis: Redis; redisPrefix: string; clients: SubjectClients };
}

export interface RunningWorkers {
  /** The maintenance queue, where the retention job runs. */
  queue: Queue<RetentionJobData>;
  worker: Worker<RetentionJobData>;
  /** Absent without `eventRelay`. */
  relay?: EventRelay;
  close(): Promise<void>;
}

/** Starts the maintenance queue's scheduler and worker, the event relay and the audit stream consumer; `close()` stops them. */
export async function startWorkers(deps: WorkerDeps): Promise<RunningWorkers> {
  const { orm, logger } = deps;
  const retention = await startRetentionWorker(deps);
  const events = deps.eventRelay ? await startEventsWorker({ ...deps.eventRelay, orm, logger }) : undefined;
  const audit = deps.auditStream
    ? await startAuditWorker({ ...deps.auditStream, root: orm.em.fork() as EntityManager, logger })
    : undefined;
  const dataSubject = deps.dataSubject
    ? startDataSubjectWorker({
        ...deps.dataSubject,
        root: orm.em.fork() as EntityManager,
        connection: deps.connection,
        prefix: deps.prefix,
        logger,
      })
    : undefined;
  if (dataSubject) {
    // Requests whose job was lost (Redis emptied, enqueue failed after commit) are queued again; queued ones are not doubled.
    const unfinished = await orm.em.fork().execute<{ id: string }[]>(`select core.unfinished_data_subject_requests() as id`);
    for (const { id } of unfinished) await enqueueDataSubjectRequest(dataSubject.queue, id);
  }
  return {
    queue: retention.queue,
    worker: retention.worker,
    relay: events?.relay,
    async close() {
      await dataSubject?.close();
      await audit?.close();
      await events?.close();
      await retention.close();
    },
  };
}
