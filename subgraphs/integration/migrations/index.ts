import type { SubgraphMigrations } from '@flowgraph/kernel';
import { Migration20261125000200_user_integrations } from './Migration20261125000200_user_integrations';

export const migrationPlan: SubgraphMigrations = {
  schema: 'integration',
  migrations: [{ name: 'Migration20261125000200_user_integrations', class: Migration20261125000200_user_integrations }],
};
