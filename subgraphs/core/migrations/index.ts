import type { SubgraphMigrations } from '@flowgraph/kernel';
import { Migration20261125000100_identity } from './Migration20261125000100_identity';
import { Migration20261125000300_events } from './Migration20261125000300_events';
import { Migration20261125000400_event_publication } from './Migration20261125000400_event_publication';
import { Migration20261125000500_api_key_client } from './Migration20261125000500_api_key_client';
import { Migration20261206000100_invitations } from './Migration20261206000100_invitations';
import { Migration20261206000200_last_organization } from './Migration20261206000200_last_organization';
import { Migration20261206000300_audit_contract } from './Migration20261206000300_audit_contract';
import { Migration20261206000400_event_sequence } from './Migration20261206000400_event_sequence';
import { Migration20261206000700_event_outbox } from './Migration20261206000700_event_outbox';
import { Migration20261206001500_events_notify } from './Migration20261206001500_events_notify';
import { Migration20261206003100_policy_acceptances } from './Migration20261206003100_policy_acceptances';
import { Migration20261207000100_data_subject_requests } from './Migration20261207000100_data_subject_requests';

export const migrationPlan: SubgraphMigrations = {
  schema: 'core',
  migrations: [
    { name: 'Migration20261125000100_identity', class: Migration20261125000100_identity },
    { name: 'Migration20261125000300_events', class: Migration20261125000300_events },
    { name: 'Migration20261125000400_event_publication', class: Migration20261125000400_event_publication },
    { name: 'Migration20261125000500_api_key_client', class: Migration20261125000500_api_key_client },
    { name: 'Migration20261206000100_invitations', class: Migration20261206000100_invitations },
    { name: 'Migration20261206000200_last_organization', class: Migration20261206000200_last_organization },
    { name: 'Migration20261206000300_audit_contract', class: Migration20261206000300_audit_contract },
    { name: 'Migration20261206000400_event_sequence', class: Migration20261206000400_event_sequence },
    { name: 'Migration20261206000700_event_outbox', class: Migration20261206000700_event_outbox },
    { name: 'Migration20261206001500_events_notify', class: Migration20261206001500_events_notify },
    { name: 'Migration20261206003100_policy_acceptances', class: Migration20261206003100_policy_acceptances },
    { name: 'Migration20261207000100_data_subject_requests', class: Migration20261207000100_data_subject_requests },
  ],
};
