import type { SubgraphMigrations } from '@flowgraph/kernel';
import { migrationPlan as core } from '../subgraphs/core/migrations';
import { migrationPlan as workflow } from '../subgraphs/workflow/migrations';
import { migrationPlan as integration } from '../subgraphs/integration/migrations';
import { migrationPlan as analytics } from '../subgraphs/analytics/migrations';

/** Every subgraph's migrations, in the order they are applied. */
export const allMigrationPlans: SubgraphMigrations[] = [core, workflow, integration, analytics];
