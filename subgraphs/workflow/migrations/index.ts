import type { SubgraphMigrations } from '@flowgraph/kernel';
import { Migration20261125000100_workflows } from './Migration20261125000100_workflows';

export const migrationPlan: SubgraphMigrations = {
  schema: 'workflow',
  migrations: [{ name: 'Migration20261125000100_workflows', class: Migration20261125000100_workflows }],
};
