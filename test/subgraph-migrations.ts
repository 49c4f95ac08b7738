import type { SubgraphMigrations } from '@flowgraph/kernel';
import { migrationPlan as core } from '@flowgraph/core/migrations';
import { migrationPlan as workflow } from '@flowgraph/workflow/migrations';
import { migrationPlan as integration } from '@flowgraph/integration/migrations';
import { migrationPlan as analytics } from '@flowgraph/analytics/migrations';

/** Every subgraph's migrations, in the order they are applied. */
export const allMigrationPlans: SubgraphMigrations[] = [core, workflow, integration, analytics];
