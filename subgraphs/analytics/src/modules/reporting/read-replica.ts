import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Counter, Gauge, type Registry } from 'prom-client';
import { createOrm, observeSqlDurations, type Logger, type OrmOptions, type ServiceMetrics } from '@flowgraph/kernel';
import type { AnalyticsConfig } from '../../config';

export interface ReadReplicaOptions {
  /** An ORM on the replica, with the app role's credentials. Required; `close()` closes it. */
  orm: MikroORM;
  logger: Logger;
  /** The process's metrics registry: `db_replica_up`, `db_replica_lag_seconds`, `db_replica_fallbacks_total`. Required. */
  registry: Registry;
  /** Beyond this lag (REPLICA_MAX_LAG_SECONDS), reads go to the primary. Default 60. */
  maxLagSeconds?: number;
  /** How often the replica is checked (REPLICA_CHECK_INTERVAL_MS). Default 5000. */
  checkIntervalMs?: number;
  /** A check taking longer counts as the replica down. Default 2000. */
  checkTimeoutMs?: number;
}

/** Where reads go: the replica, or the primary because the replica is down or lags too far. */
export type ReplicaState = 'replica' | 'down' | 'lagging';

/** Why a read went to the primary: the last check failed, the lag was too high or unknown, or the read failed on the replica. */
export type FallbackReason = 'down' | 'lag' | 'error';

/**
 * One statement on the replica: whether it is a standby, and how far behind it is in seconds.
 * The replay timestamp is the primary's time of the last transaction replayed: it stays old while
 * the primary writes nothing, so a standby that is streaming and has replayed all it received
 * lags 0. Behind (or not streaming), the age of the last replayed transaction is an upper bound
 * of the lag. Null: nothing replayed since the standby started and not caught up (unknown).
 * A server that is not a standby has nothing to replay: 0.
 */
const CHECK_SQL = `select case
    when not pg_is_in_recovery() then 0
    when exists (select 1 from pg_stat_wal_receiver) and pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() then 0
    else greatest(0, extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp()))
  end::float8 as lag_seconds`;

const MESSAGES: Record<ReplicaState, string> = {
  replica: 'read replica in use: reports read it',
  down: 'read replica unavailable: reports read the primary',
  lagging: 'read replica lags beyond REPLICA_MAX_LAG_SECONDS: reports read the primary',
};

/**
 * A read replica checked on a timer rather than per read. Reads go to it while the last check
 * found it up with a known lag within `maxLagSeconds`; otherwise to the primary, counted in
 * `db_replica_fallbacks_total{reason}`. A read that fails on the replica (stopped since the last
 * check) is answered by the primary and the replica counts as down until a check finds it well;
 * a check then runs at once. Each change of state is logged once: a warning when reads leave the
 * replica, info when they return.
 */
export class ReadReplica {
  private readonly root: EntityManager;
  private readonly maxLagSeconds: number;
  private readonly checkIntervalMs: number;
  private readonly checkTimeoutMs: number;
  private readonly up: Gauge;
  private readonly lag: Gauge;
  private readonly fallbacks: Counter<'reason'>;
  private current: ReplicaState = 'replica';
  private checking?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: ReadReplicaOptions) {
    this.root = options.orm.em as EntityManager;
    this.maxLagSeconds = options.maxLagSeconds ?? 60;
    this.checkIntervalMs = options.checkIntervalMs ?? 5000;
    this.checkTimeoutMs = options.checkTimeoutMs ?? 2000;
    const registers = [options.registry];
    this.up = new Gauge({ name: 'db_replica_up', help: 'Whether the last check reached the read replica (1) or not (0)', registers });
    this.lag = new Gauge({
      name: 'db_replica_lag_seconds',
      help: 'Replication lag of the read replica at the last check (NaN: down or unknown)',
      registers,
    });
    this.fallbacks = new Counter({
      name: 'db_replica_fallbacks_total',
      help: 'Reads sent to the primary instead of the read replica, by reason (down, lag, error)',
      labelNames: ['reason'],
      registers,
    });
  }

  /** Checks the replica once, then every `checkIntervalMs` until `close()`. */
  async start(): Promise<void> {
    await this.check();
    this.schedule();
  }

  /** Where reads go now. */
  get state(): ReplicaState {
    return this.current;
  }

  /** `onReplica` with the replica's root entity manager when it is usable; otherwise, or when that fails, `onPrimary`. */
  async read<T>(onReplica: (root: EntityManager) => Promise<T>, onPrimary: () => Promise<T>): Promise<T> {
    if (this.current !== 'replica') {
      this.fallbacks.inc({ reason: this.current === 'down' ? 'down' : 'lag' });
      return onPrimary();
    }
    try {
      return await onReplica(this.root);
    } catch (error) {
      this.fallbacks.inc({ reason: 'error' });
      this.record('down', null, error);
      void this.check();
      return onPrimary();
    }
  }

  /** Checks the replica now (one check at a time) and updates the state and the gauges. */
  check(): Promise<void> {
    this.checking ??= this.probe().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.checking;
    await this.options.orm.close();
  }

  private async probe(): Promise<void> {
    let lagSeconds: number | null;
    try {
      lagSeconds = await withTimeout(this.measureLag(), this.checkTimeoutMs);
    } catch (error) {
      this.record('down', null, error);
      return;
    }
    this.record(lagSeconds !== null && lagSeconds <= this.maxLagSeconds ? 'replica' : 'lagging', lagSeconds);
  }

  private async measureLag(): Promise<number | null> {
    const [row] = await this.root.fork().execute<{ lag_seconds: number | null }[]>(CHECK_SQL);
    return row.lag_seconds;
  }

  private record(next: ReplicaState, lagSeconds: number | null, error?: unknown): void {
    this.up.set(next === 'down' ? 0 : 1);
    this.lag.set(lagSeconds ?? Number.NaN);
    if (next === this.current) return;
    this.current = next;
    const fields = { lagSeconds, maxLagSeconds: this.maxLagSeconds, ...(error ? { err: error } : {}) };
    if (next === 'replica') this.options.logger.info(fields, MESSAGES[next]);
    else this.options.logger.warn(fields, MESSAGES[next]);
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      void this.check().then(() => this.schedule());
    }, this.checkIntervalMs);
    // The check never keeps a process alive that is otherwise done.
    this.timer.unref();
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The check took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A replica that does not answer a connect within this long fails the read, which the primary then answers. */
const REPLICA_CONNECT_TIMEOUT_MS = 5000;

export type ReadReplicaConfig = Pick<
  AnalyticsConfig,
  'DATABASE_REPLICA_URL' | 'DATABASE_POOL_MAX' | 'REPLICA_MAX_LAG_SECONDS' | 'REPLICA_CHECK_INTERVAL_MS'
>;

/**
 * The read replica of DATABASE_REPLICA_URL, checked once and then on its timer; undefined when
 * unset. Its ORM connects lazily, so a replica down when the process starts only sends reads to
 * the primary.
 */
export async function startReadReplica(
  config: ReadReplicaConfig,
  deps: { entities: OrmOptions['entities']; logger: Logger; metrics: ServiceMetrics },
): Promise<ReadReplica | undefined> {
  if (!config.DATABASE_REPLICA_URL) return undefined;
  const orm = await createOrm({
    url: config.DATABASE_REPLICA_URL,
    entities: deps.entities,
    poolMax: config.DATABASE_POOL_MAX,
    connectTimeoutMs: REPLICA_CONNECT_TIMEOUT_MS,
    logger: deps.logger,
    extra: { connect: false },
  });
  // The replica's statements are timed with the primary's (db_query_duration_seconds).
  observeSqlDurations(orm, deps.metrics.sqlDuration);
  const replica = new ReadReplica({
    orm,
    logger: deps.logger,
    registry: deps.metrics.registry,
    maxLagSeconds: config.REPLICA_MAX_LAG_SECONDS,
    checkIntervalMs: config.REPLICA_CHECK_INTERVAL_MS,
  });
  await replica.start();
  return replica;
}
