import { Migration } from '@mikro-orm/migrations';
import { loadConfig, pseudonymiseAuditSql } from '@flowgraph/kernel';

const currentUser = `nullif(current_setting('app.user_id', true), '')::uuid`;
const currentOrg = `nullif(current_setting('app.org_id', true), '')::uuid`;

/**
 * Data-subject requests (export, account erasure, organization erasure) and what their jobs need
 * beyond the application role: owner functions that erase a user's or an organization's Core rows
 * across organizations, and one that pseudonymises a person in the append-only audit log (its
 * SET clause marks the transaction, as retention's purge does for deletes).
 */
export class Migration20261207000100_data_subject_requests extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    this.addSql(`create table core.data_subject_requests (
      id uuid primary key,
      kind text not null check (kind in ('export', 'erasure', 'organization_erasure')),
      user_id uuid,
      email text,
      org_id uuid,
      pseudonym uuid not null,
      status text not null default 'pending' check (status in ('pending', 'running', 'completed', 'failed')),
      plan jsonb not null default '{}',
      steps_done text[] not null default '{}',
      error text,
      archive jsonb,
      archive_expires_at timestamptz,
      downloaded_at timestamptz,
      requested_at timestamptz not null default now(),
      completed_at timestamptz
    )`);
    this.addSql(`create index idx_data_subject_requests_user on core.data_subject_requests (user_id, requested_at desc)`);
    this.addSql(`alter table core.data_subject_requests enable row level security`);
    // The person sees their own requests; an organization's erasure is seen in that organization too.
    this.addSql(`create policy data_subject_requests_access on core.data_subject_requests
       using (user_id = ${currentUser} or (kind = 'organization_erasure' and org_id = ${currentOrg}))
       with check (user_id = ${currentUser})`);
    this.addSql(`grant select, insert, update on core.data_subject_requests to ${role}`);

    // The worker's way in: whose request it is (its row-level scope) and whether anything is left to do.
    this.addSql(`create function core.data_subject_request_scope(p_id uuid) returns table (user_id uuid, org_id uuid, status text)
       language sql stable security definer set search_path = core, pg_temp as $$
         select r.user_id, r.org_id, r.status from core.data_subject_requests r where r.id = p_id
       $$`);
    this.addSql(`create function core.pseudonymise_audit_entries(p_user uuid, p_email text, p_pseudonym uuid) returns int
       language plpgsql security definer set search_path = core, pg_temp set flowgraph.audit_erasure = 'on' as $fn$
       declare changed int;
       begin
         execute $sql$${pseudonymiseAuditSql('core.audit_log')}$sql$ using p_user, p_email, p_pseudonym;
         get diagnostics changed = row_count;
         return changed;
       end $fn$`);
    this.addSql(`create or replace function core.audit_log_append_only() returns trigger language plpgsql as $$
       begin
         if tg_op = 'DELETE' and current_user <> '${role}' and current_setting('flowgraph.audit_purge', true) = 'on' then return null; end if;
         if tg_op = 'UPDATE' and current_user <> '${role}' and current_setting('flowgraph.audit_erasure', true) = 'on' then return null; end if;
         raise exception 'audit_log is append-only' using errcode = '42501';
       end $$`);
    // A person's Core rows: their own go, invitations they sent go too (invited_by
    // must name a user); an invitation they accepted keeps the pseudonym.
    this.addSql(`create function core.erase_user(p_user uuid, p_email text, p_pseudonym uuid) returns int
       language plpgsql security definer set search_path = core, pg_temp as $$
       begin
         -- Their events, and events of others about them (an invitation, a member joining) wherever they are.
         delete from core.events where user_id = p_user or strpos(payload::text, p_user::text) > 0 or strpos(lower(payload::text), lower(p_email)) > 0;
         delete from core.invitations where lower(email) = lower(p_email);
         delete from core.invitations where invited_by = p_user;
         update core.invitations set accepted_by = p_pseudonym where accepted_by = p_user;
         delete from core.memberships where user_id = p_user;
         delete from core.users where id = p_user;
         return core.pseudonymise_audit_entries(p_user, p_email, p_pseudonym);
       end $$`);
    // An organization's Core rows; its audit entries stay (the members live on; retention purges them),
    // so the audit log no longer cascades from the organization.
    this.addSql(`alter table core.audit_log drop constraint audit_log_org_id_fkey`);
    this.addSql(`create function core.erase_organization(p_org uuid) returns int
       language plpgsql security definer set search_path = core, pg_temp as $$
       begin
         delete from core.events where org_id = p_org;
         delete from core.invitations where org_id = p_org;
         delete from core.memberships where org_id = p_org;
         update core.users set last_org_id = null where last_org_id = p_org;
         delete from core.organizations where id = p_org;
         return 1;
       end $$`);
    // Ends access first: the sessions (whose ids the job marks revoked in the same transaction) and API keys go.
    this.addSql(`create function core.end_access(p_user uuid, p_org uuid) returns setof uuid
       language plpgsql security definer set search_path = core, pg_temp as $$
       begin
         delete from core.api_keys where created_by = p_user or org_id = p_org;
         -- A session in another organization may record one of these as its replacement (switchOrganization).
         update core.sessions set replaced_by = null
           where replaced_by in (select id from core.sessions where user_id = p_user or org_id = p_org);
         return query delete from core.sessions where user_id = p_user or org_id = p_org returning id;
       end $$`);
    // The person's requests lose their id and email once the erasure is done; the pseudonym stays.
    this.addSql(`create function core.close_erasure(p_request uuid) returns void
       language sql security definer set search_path = core, pg_temp as $$
         update core.data_subject_requests r set user_id = null, email = null, archive = null
           from core.data_subject_requests e where e.id = p_request and r.user_id = e.user_id;
         update core.data_subject_requests set status = 'completed', error = null, completed_at = now() where id = p_request;
       $$`);
    // For deleteMyAccount: each organization of the person with how many members and owners it has.
    this.addSql(`create function core.membership_summary(p_user uuid)
       returns table (org_id uuid, name text, role text, members int, owners int)
       language sql stable security definer set search_path = core, pg_temp as $$
         select m.org_id, o.name, m.role,
                (select count(*)::int from core.memberships x where x.org_id = m.org_id),
                (select count(*)::int from core.memberships x where x.org_id = m.org_id and x.role = 'owner')
         from core.memberships m join core.organizations o on o.id = m.org_id where m.user_id = p_user
       $$`);
    // What a starting worker queues again (the job id is the request's, so a queued one is not doubled).
    this.addSql(`create function core.unfinished_data_subject_requests() returns setof uuid
       language sql stable security definer set search_path = core, pg_temp as $$
         select id from core.data_subject_requests where status in ('pending', 'running') order by requested_at
       $$`);
    for (const fn of [
      'membership_summary(uuid)',
      'unfinished_data_subject_requests()',
      'end_access(uuid, uuid)',
      'close_erasure(uuid)',
      'data_subject_request_scope(uuid)',
      'pseudonymise_audit_entries(uuid, text, uuid)',
      'erase_user(uuid, text, uuid)',
      'erase_organization(uuid)',
    ]) {
      this.addSql(`revoke all on function core.${fn} from public`);
      this.addSql(`grant execute on function core.${fn} to ${role}`);
    }
  }
}
