import { Migrator } from '@mikro-orm/migrations';
import type { Migration } from '@mikro-orm/migrations';
import { createOrm } from './orm';

export type MigrationClass = new (...args: ConstructorParameters<typeof Migration>) => Migration;

export interface SubgraphMigrations {
  /** Postgres schema the subgraph owns; its migration table lives there too. */
  schema: string;
  migrations: { name: string; class: MigrationClass }[];
}

/**
 * Applies a subgraph's migrations with the owner connection. The list is explicit (no folder
 * globbing), so the same code runs from TypeScript sources, compiled output and jest.
 */
export async function migrateSubgraph(ownerUrl: string, plan: SubgraphMigrations): Promise<string[]> {
  const orm = await createOrm({
    url: ownerUrl,
    entities: [],
    poolMax: 2,
    extra: {
      extensions: [Migrator],
      migrations: {
        tableName: `${plan.schema}.mikro_orm_migrations`,
        migrationsList: plan.migrations,
        transactional: true,
        allOrNothing: true,
        silent: true,
      },
    },
  });
  try {
    await orm.em.getConnection().execute(`create schema if not exists ${plan.schema}`);
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  } finally {
    await orm.close(true);
  }
}

/** Names of a subgraph's migrations not yet applied (for `npm run doctor`). */
export async function pendingMigrations(ownerUrl: string, plan: SubgraphMigrations): Promise<string[]> {
  const orm = await createOrm({
    url: ownerUrl,
    entities: [],
    poolMax: 1,
    extra: {
      extensions: [Migrator],
      migrations: { tableName: `${plan.schema}.mikro_orm_migrations`, migrationsList: plan.migrations },
    },
  });
  try {
    const exists = await orm.em.getConnection().execute(`select 1 from pg_namespace where nspname = ?`, [plan.schema]);
    if (exists.length === 0) return plan.migrations.map((m) => m.name);
    return (await orm.getMigrator().getPendingMigrations()).map((m) => m.name);
  } finally {
    await orm.close(true);
  }
}
