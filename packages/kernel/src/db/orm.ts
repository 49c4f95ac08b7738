import { MikroORM, type Options } from '@mikro-orm/postgresql';
import type { EntitySchema } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { ScopedPostgreSqlDialect } from './scoped-begin';

export interface OrmOptions {
  url: string;
  entities: EntitySchema<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  poolMax?: number;
  /**
   * Longest wait for a connection, a new one's connect or a free one from the pool, before the
   * statement fails. Default: pg's and knex's (no connect timeout; 60 s for the pool).
   */
  connectTimeoutMs?: number;
  /**
   * Receives the ORM's debug messages and the driver's (knex) messages, which otherwise go to the
   * console as plain text. knex warns once per pooled connection a stopped server broke (the pool
   * replaces them): those go at debug, as the caller reports an outage once itself; its errors
   * at error. Default: the console.
   */
  logger?: Logger;
  /** Extra MikroORM options (migrations, naming), merged last. */
  extra?: Partial<Options>;
}

/** Opens a MikroORM instance with an explicit entity list (no discovery by folder). */
export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init({
    clientUrl: options.url,
    entities: options.entities,
    discovery: { warnWhenNoEntities: false },
    pool: { min: 0, max: options.poolMax ?? 10 },
    allowGlobalContext: false,
    debug: false,
    // Request transactions begin with their row scope in the same round trip (decision 0026).
    driverOptions: {
      client: ScopedPostgreSqlDialect,
      ...(options.connectTimeoutMs === undefined
        ? {}
        : { acquireConnectionTimeout: options.connectTimeoutMs, connection: { connectionTimeoutMillis: options.connectTimeoutMs } }),
      ...(options.logger ? { log: driverLog(options.logger) } : {}),
    },
    ...(options.logger ? { logger: (message: string) => options.logger?.debug({ orm: message }, 'orm') } : {}),
    ...options.extra,
  });
}

/** knex's `log` option: its messages as JSON lines of the logger. */
function driverLog(logger: Logger) {
  return {
    debug: (message: unknown) => logger.debug({ knex: message }, 'database driver'),
    warn: (message: unknown) => logger.debug({ knex: message }, 'database driver warning'),
    deprecate: (message: unknown) => logger.warn({ knex: message }, 'database driver deprecation'),
    error: (message: unknown) => logger.error({ knex: message }, 'database driver error'),
  };
}
