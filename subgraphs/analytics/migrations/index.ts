import type { SubgraphMigrations } from '@flowgraph/kernel';

export const migrationPlan: SubgraphMigrations = {
  schema: 'analytics',
  migrations: [],
};
