import { MikroORM, type Options } from '@mikro-orm/postgresql';
import type { EntitySchema } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { ScopedPostgreSqlDialect } from './scoped-begin';

export interface OrmOptions {
  url: string;
  entities: EntitySchema<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  poolMax?: number;
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
    driverOptions: { client: ScopedPostgreSqlDialect },
    ...(options.logger ? { logger: (message: string) => options.logger?.debug({ orm: message }, 'orm') } : {}),
    ...options.extra,
  });
}
