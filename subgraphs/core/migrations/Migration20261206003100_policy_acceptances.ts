import { Migration } from '@mikro-orm/migrations';
import { loadConfig } from '@flowgraph/kernel';

/**
 * Which privacy policy and terms of service each person accepted, and when (issue 18). A row per
 * acceptance, never changed: the history is the record (and part of the person's data export).
 */
export class Migration20261206003100_policy_acceptances extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    this.addSql(`create table core.policy_acceptances (
      id uuid primary key,
      user_id uuid not null references core.users (id) on delete cascade,
      privacy_policy_version text not null,
      terms_of_service_version text not null,
      accepted_at timestamptz(3) not null default now(),
      ip text,
      user_agent text
    )`);
    // Token issue reads a user's latest acceptance; the export lists them all in order.
    this.addSql(`create index idx_policy_acceptances_user on core.policy_acceptances (user_id, accepted_at desc, id desc)`);
    // A person's own rows only, as for sessions; nobody else's, whatever the organization.
    this.addSql(`alter table core.policy_acceptances enable row level security`);
    this.addSql(`create policy policy_acceptance_owner on core.policy_acceptances
      using (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
      with check (user_id = nullif(current_setting('app.user_id', true), '')::uuid)`);
    this.addSql(`grant select, insert on core.policy_acceptances to ${role}`);
  }
}
