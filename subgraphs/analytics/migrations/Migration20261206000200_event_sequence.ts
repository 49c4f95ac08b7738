import { Migration } from '@mikro-orm/migrations';

/**
 * Core's ingestion number of each event (stream field `seq`): mining orders events of the same
 * instant by it, so a sequence sent in order is mined in order. Null for events copied before
 * Core sent it (those fall back to their id).
 */
export class Migration20261206000200_event_sequence extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table analytics.events add column seq bigint`);
  }
}
