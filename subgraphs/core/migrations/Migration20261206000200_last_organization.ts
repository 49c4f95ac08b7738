import { Migration } from '@mikro-orm/migrations';

/**
 * logIn lands in the organization the user acted in last: recorded at every token issue, cleared
 * with the organization. Users may update their own row already (policy user_update).
 */
export class Migration20261206000200_last_organization extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table core.users add column last_org_id uuid references core.organizations (id) on delete set null`);
  }
}
