import { Queue, type Job } from 'bullmq';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Gauge, type Registry } from 'prom-client';
import type { Redis } from '../redis';
import { startMetricsServer, type MetricsServer } from './metrics-server';
import { addScrapedGauge, type ScrapedGaugeOptions } from './scraped-gauge';
import { createProcessRegistry, observeSqlDurations, sqlDurationHistogram } from './service-metrics';

/** The job states whose counts tell whether workers keep up. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

export interface WorkerMetricsOptions {
  /** The `service` label of every series (`core-worker`, …). Required. */
  service: string;
  /** BullMQ queue names this process works on. Required. */
  queues: string[];
  /** A plain (non-blocking) connection to read counts with. Required. */
  connection: Redis;
  /** BullMQ key prefix (`bullPrefix(REDIS_PREFIX)`). Required. */
  prefix: string;
  /** Redis streams read by a consumer group here: their lag and pending counts. Default none. */
  streams?: { key: string; group: string }[];
  /** Where `/metrics` listens; unset: no listener (the registry is still returned). */
  port?: number;
  /** Default 127.0.0.1; containers set HOST=0.0.0.0. */
  host?: string;
  /** Process metrics (CPU, memory, event loop). Default: when served (`port` given); nobody could read them otherwise. */
  defaultMetrics?: boolean;
  /** The process's ORM: its statements' durations become `db_query_duration_seconds`. Default: none. */
  orm?: MikroORM;
  /** The process's own figures (a domain's gauges), read at scrape time. Default: none. */
  gauges?: ScrapedGaugeOptions[];
}

export interface WorkerMetrics {
  registry: Registry;
  server?: MetricsServer;
  close(): Promise<void>;
}

/**
 * A worker process's Prometheus registry: `bullmq_jobs{queue,state}`, the age of each queue's
 * oldest waiting job and the consumer groups' `redis_stream_lag`/`redis_stream_pending`, read
 * from Redis at scrape time (never polled in between), plus SQL durations and process metrics;
 * served on `port` when given.
 */
export async function startWorkerMetrics(options: WorkerMetricsOptions): Promise<WorkerMetrics> {
  // The event-loop delay histogram samples on a timer: unread, it would cost an idle worker CPU.
  const registry = createProcessRegistry(options.service, { defaultMetrics: options.defaultMetrics ?? options.port !== undefined });
  if (options.orm) observeSqlDurations(options.orm, sqlDurationHistogram(registry));
  const queues = options.queues.map((name) => new Queue(name, { connection: options.connection, prefix: options.prefix }));
  new Gauge({
    name: 'bullmq_jobs',
    help: 'BullMQ jobs by queue and state, read at scrape time',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      const counts = await Promise.all(queues.map((queue) => queue.getJobCounts(...QUEUE_STATES)));
      queues.forEach((queue, i) => {
        for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[i][state] ?? 0);
      });
    },
  });
  new Gauge({
    name: 'bullmq_oldest_waiting_job_age_seconds',
    help: 'Seconds the oldest waiting job of each queue has been due (0 when none waits), read at scrape time',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      const oldest = await Promise.all(queues.map((queue) => queue.getJobs(['wait'], 0, 0, true)));
      const now = Date.now();
      queues.forEach((queue, i) => this.set({ queue: queue.name }, oldest[i][0] ? waitingSeconds(oldest[i][0], now) : 0));
    },
  });
  const streams = options.streams ?? [];
  if (streams.length > 0) streamGauges(registry, options.connection, streams);
  for (const gauge of options.gauges ?? []) addScrapedGauge(registry, gauge);
  const server = options.port === undefined ? undefined : await startMetricsServer(registry, options.port, options.host);
  return {
    registry,
    server,
    async close() {
      await server?.close();
      // The connection is the caller's: Queue.close() leaves a shared connection open.
      await Promise.all(queues.map((queue) => queue.close()));
    },
  };
}

/**
 * How long a waiting job has been due: since it was added, or since its delay ended. A retried
 * job counts from its last attempt's start (BullMQ keeps no time of its return to the queue),
 * which overstates its wait by that attempt and its backoff: seconds, where the alert is minutes.
 */
function waitingSeconds(job: Job, now: number): number {
  const due = Math.max(job.timestamp + (job.delay ?? 0), job.processedOn ?? 0);
  return Math.max(0, (now - due) / 1000);
}

/** `XINFO GROUPS` reply: one flat [field, value, …] list per group. */
type GroupInfo = (string | number | null)[];

function streamGauges(registry: Registry, redis: Redis, streams: { key: string; group: string }[]): void {
  const read = async (field: 'lag' | 'pending') => {
    const values: { labels: { stream: string; group: string }; value: number }[] = [];
    for (const { key, group } of streams) {
      // A stream nobody wrote to yet does not exist: nothing to report.
      const groups = (await redis.xinfo('GROUPS', key).catch(() => [])) as GroupInfo[];
      const info = groups.find((g) => g[g.indexOf('name') + 1] === group);
      const value = info ? info[info.indexOf(field) + 1] : null;
      if (typeof value === 'number') values.push({ labels: { stream: key, group }, value });
    }
    return values;
  };
  const gauge = (name: string, help: string, field: 'lag' | 'pending') =>
    new Gauge({
      name,
      help,
      labelNames: ['stream', 'group'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const { labels, value } of await read(field)) this.set(labels, value);
      },
    });
  gauge('redis_stream_lag', 'Stream entries not yet delivered to the consumer group', 'lag');
  gauge('redis_stream_pending', 'Entries delivered to the consumer group but not acknowledged', 'pending');
}
