import type { SubgraphMigrations } from '@flowgraph/kernel';
import { Migration20261125000300_patterns } from './Migration20261125000300_patterns';
import { Migration20261125000400_event_copy } from './Migration20261125000400_event_copy';
import { Migration20261125000500_suggestions } from './Migration20261125000500_suggestions';
import { Migration20261125000600_reporting } from './Migration20261125000600_reporting';
import { Migration20261206000100_audit_outbox } from './Migration20261206000100_audit_outbox';
import { Migration20261206000200_event_sequence } from './Migration20261206000200_event_sequence';
import { Migration20261206000300_report_freshness } from './Migration20261206000300_report_freshness';
import { Migration20261206001500_audit_outbox_notify } from './Migration20261206001500_audit_outbox_notify';
import { Migration20261206003500_platform_figures } from './Migration20261206003500_platform_figures';
import { Migration20261207000100_data_subject_erasure } from './Migration20261207000100_data_subject_erasure';

export const migrationPlan: SubgraphMigrations = {
  schema: 'analytics',
  migrations: [
    { name: 'Migration20261125000300_patterns', class: Migration20261125000300_patterns },
    { name: 'Migration20261125000400_event_copy', class: Migration20261125000400_event_copy },
    { name: 'Migration20261125000500_suggestions', class: Migration20261125000500_suggestions },
    { name: 'Migration20261125000600_reporting', class: Migration20261125000600_reporting },
    { name: 'Migration20261206000100_audit_outbox', class: Migration20261206000100_audit_outbox },
    { name: 'Migration20261206000200_event_sequence', class: Migration20261206000200_event_sequence },
    { name: 'Migration20261206000300_report_freshness', class: Migration20261206000300_report_freshness },
    { name: 'Migration20261206001500_audit_outbox_notify', class: Migration20261206001500_audit_outbox_notify },
    { name: 'Migration20261206003500_platform_figures', class: Migration20261206003500_platform_figures },
    { name: 'Migration20261207000100_data_subject_erasure', class: Migration20261207000100_data_subject_erasure },
  ],
};
