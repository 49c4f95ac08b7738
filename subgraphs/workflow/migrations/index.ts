import type { SubgraphMigrations } from '@flowgraph/kernel';
import { Migration20261125000100_workflows } from './Migration20261125000100_workflows';
import { Migration20261125000200_versions } from './Migration20261125000200_versions';
import { Migration20261125000300_executions } from './Migration20261125000300_executions';
import { Migration20261125000400_triggers } from './Migration20261125000400_triggers';
import { Migration20261125000500_delivery_retention } from './Migration20261125000500_delivery_retention';
import { Migration20261125000600_activity_indexes } from './Migration20261125000600_activity_indexes';
import { Migration20261206000100_audit_outbox } from './Migration20261206000100_audit_outbox';
import { Migration20261206000200_dependency_waits } from './Migration20261206000200_dependency_waits';
import { Migration20261206000300_template_idempotency } from './Migration20261206000300_template_idempotency';
import { Migration20261206000400_webhook_secret_rotation } from './Migration20261206000400_webhook_secret_rotation';
import { Migration20261206001500_audit_outbox_notify } from './Migration20261206001500_audit_outbox_notify';
import { Migration20261207000100_data_subject_erasure } from './Migration20261207000100_data_subject_erasure';
import { Migration20261207000200_stale_running_executions } from './Migration20261207000200_stale_running_executions';

export const migrationPlan: SubgraphMigrations = {
  schema: 'workflow',
  migrations: [
    { name: 'Migration20261125000100_workflows', class: Migration20261125000100_workflows },
    { name: 'Migration20261125000200_versions', class: Migration20261125000200_versions },
    { name: 'Migration20261125000300_executions', class: Migration20261125000300_executions },
    { name: 'Migration20261125000400_triggers', class: Migration20261125000400_triggers },
    { name: 'Migration20261125000500_delivery_retention', class: Migration20261125000500_delivery_retention },
    { name: 'Migration20261125000600_activity_indexes', class: Migration20261125000600_activity_indexes },
    { name: 'Migration20261206000100_audit_outbox', class: Migration20261206000100_audit_outbox },
    { name: 'Migration20261206000200_dependency_waits', class: Migration20261206000200_dependency_waits },
    { name: 'Migration20261206000300_template_idempotency', class: Migration20261206000300_template_idempotency },
    { name: 'Migration20261206000400_webhook_secret_rotation', class: Migration20261206000400_webhook_secret_rotation },
    { name: 'Migration20261206001500_audit_outbox_notify', class: Migration20261206001500_audit_outbox_notify },
    { name: 'Migration20261207000100_data_subject_erasure', class: Migration20261207000100_data_subject_erasure },
    { name: 'Migration20261207000200_stale_running_executions', class: Migration20261207000200_stale_running_executions },
  ],
};
