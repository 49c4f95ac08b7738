import type { SubgraphMigrations } from '@flowgraph/kernel';
import { Migration20261125000200_user_integrations } from './Migration20261125000200_user_integrations';
import { Migration20261206000100_audit_outbox } from './Migration20261206000100_audit_outbox';
import { Migration20261206000500_connectors } from './Migration20261206000500_connectors';
import { Migration20261206000600_oauth_flows } from './Migration20261206000600_oauth_flows';
import { Migration20261206000700_integration_health } from './Migration20261206000700_integration_health';
import { Migration20261206000800_webhook_secrets } from './Migration20261206000800_webhook_secrets';
import { Migration20261206001500_audit_outbox_notify } from './Migration20261206001500_audit_outbox_notify';
import { Migration20261206003500_connector_health_figures } from './Migration20261206003500_connector_health_figures';
import { Migration20261207000100_data_subject_erasure } from './Migration20261207000100_data_subject_erasure';

export const migrationPlan: SubgraphMigrations = {
  schema: 'integration',
  migrations: [
    { name: 'Migration20261125000200_user_integrations', class: Migration20261125000200_user_integrations },
    { name: 'Migration20261206000100_audit_outbox', class: Migration20261206000100_audit_outbox },
    { name: 'Migration20261206000500_connectors', class: Migration20261206000500_connectors },
    { name: 'Migration20261206000600_oauth_flows', class: Migration20261206000600_oauth_flows },
    { name: 'Migration20261206000700_integration_health', class: Migration20261206000700_integration_health },
    { name: 'Migration20261206000800_webhook_secrets', class: Migration20261206000800_webhook_secrets },
    { name: 'Migration20261206001500_audit_outbox_notify', class: Migration20261206001500_audit_outbox_notify },
    { name: 'Migration20261206003500_connector_health_figures', class: Migration20261206003500_connector_health_figures },
    { name: 'Migration20261207000100_data_subject_erasure', class: Migration20261207000100_data_subject_erasure },
  ],
};
