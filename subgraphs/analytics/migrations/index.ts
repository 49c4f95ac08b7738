import type { SubgraphMigrations } from '@flowgraph/kernel';
import { Migration20261125000300_patterns } from './Migration20261125000300_patterns';

export const migrationPlan: SubgraphMigrations = {
  schema: 'analytics',
  migrations: [{ name: 'Migration20261125000300_patterns', class: Migration20261125000300_patterns }],
};
