import { Migration } from '@mikro-orm/migrations';

/**
 * When each organization's daily aggregates were last computed (the report's
 * `aggregatedThrough`). An admin may refresh the aggregates before any event arrived, so an
 * organization's row no longer needs its event span.
 */
export class Migration20261206000300_report_freshness extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table analytics.organizations
      add column aggregated_at timestamptz(3),
      alter column first_event_at drop not null,
      alter column last_event_at drop not null`);
  }
}
