import { Migration } from '@mikro-orm/migrations';
import { appGrants, loadConfig, orgIsolationPolicy } from '@flowgraph/kernel';

/** Users, organizations, memberships, sessions, API keys and the audit log. */
export class Migration20261125000100_identity extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table core.users (
      id uuid primary key,
      email text not null,
      name text not null,
      password_hash text not null,
      created_at timestamptz(3) not null default now()
    )`);
    // Emails are unique whatever their case.
    this.addSql(`create unique index users_email_lower_key on core.users (lower(email))`);

    this.addSql(`create table core.organizations (
      id uuid primary key,
      name text not null,
      event_retention_days integer not null default 90 check (event_retention_days between 1 and 3650),
      created_at timestamptz(3) not null default now()
    )`);

    this.addSql(`create table core.memberships (
      id uuid primary key,
      org_id uuid not null references core.organizations (id) on delete cascade,
      user_id uuid not null references core.users (id) on delete cascade,
      role text not null check (role in ('owner', 'admin', 'member', 'viewer')),
      created_at timestamptz(3) not null default now(),
      constraint memberships_org_user_key unique (org_id, user_id)
    )`);
    this.addSql(`create index idx_memberships_user on core.memberships (user_id, created_at, id)`);
    this.addSql(`create index idx_memberships_org_created on core.memberships (org_id, created_at, id)`);

    // One row per refresh token; rotations share a family_id. replaced_by marks a used token.
    this.addSql(`create table core.sessions (
      id uuid primary key,
      user_id uuid not null references core.users (id) on delete cascade,
      org_id uuid not null references core.organizations (id) on delete cascade,
      family_id uuid not null,
      refresh_token_hash text not null unique,
      user_agent text,
      ip text,
      created_at timestamptz(3) not null default now(),
      last_used_at timestamptz(3) not null default now(),
      expires_at timestamptz(3) not null,
      revoked_at timestamptz(3),
      replaced_by uuid references core.sessions (id) deferrable initially deferred
    )`);
    // architecture-target.md §4.1
    this.addSql(`create index idx_sessions_user_expires on core.sessions (user_id, expires_at)`);
    this.addSql(`create index idx_sessions_family on core.sessions (family_id)`);

    this.addSql(`create table core.api_keys (
      id uuid primary key,
      org_id uuid not null references core.organizations (id) on delete cascade,
      created_by uuid not null references core.users (id),
      name text not null,
      prefix text not null,
      secret_hash text not null unique,
      scopes text[] not null default '{}',
      role text not null check (role in ('owner', 'admin', 'member', 'viewer')),
      created_at timestamptz(3) not null default now(),
      expires_at timestamptz(3),
      last_used_at timestamptz(3),
      revoked_at timestamptz(3)
    )`);
    this.addSql(`create index idx_api_keys_org_created on core.api_keys (org_id, created_at desc, id desc)`);

    this.addSql(`create table core.audit_log (
      id uuid primary key,
      org_id uuid references core.organizations (id) on delete cascade,
      actor_id uuid,
      action text not null,
      target_type text,
      target_id text,
      ip text,
      metadata jsonb not null default '{}',
      created_at timestamptz(3) not null default clock_timestamp()
    )`);
    this.addSql(`create index idx_audit_log_org_created on core.audit_log (org_id, created_at desc, id desc)`);

    for (const sql of rowLevelSecurity()) this.addSql(sql);
    for (const sql of lookupFunctions()) this.addSql(sql);

    const role = loadConfig().DATABASE_APP_ROLE;
    for (const sql of appGrants('core', role)) this.addSql(sql);
    // The audit log is append-only for the application: no UPDATE/DELETE privilege, and a
    // trigger that still refuses them should a later blanket grant (appGrants) give them back.
    // Retention runs as the owner (a SECURITY DEFINER function), which the trigger lets through.
    this.addSql(`revoke update, delete, truncate on core.audit_log from ${role}`);
    this.addSql(`create function core.audit_log_append_only() returns trigger language plpgsql as $$
       begin
         if current_user = '${role}' then raise exception 'audit_log is append-only' using errcode = '42501'; end if;
         return null;
       end $$`);
    // Per statement, so it fires even when RLS leaves no row to touch.
    this.addSql(`create trigger audit_log_append_only before update or delete or truncate on core.audit_log
       for each statement execute function core.audit_log_append_only()`);
    for (const fn of ['credentials_by_email(text)', 'user_id_by_email(text)', 'session_by_refresh_hash(text)', 'use_api_key(text)']) {
      this.addSql(`revoke all on function core.${fn} from public`);
      this.addSql(`grant execute on function core.${fn} to ${role}`);
    }
  }
}

const currentOrg = `nullif(current_setting('app.org_id', true), '')::uuid`;
const currentUser = `nullif(current_setting('app.user_id', true), '')::uuid`;

/**
 * Policies read the per-transaction scope (`app.org_id`, `app.user_id`) the request sets.
 * ENABLE without FORCE (as kernel orgIsolationPolicy): the app role owns nothing, and the
 * owner's SECURITY DEFINER lookups below must stay exempt even when the owner is no superuser.
 */
function rowLevelSecurity(): string[] {
  const secured = (table: string) => [`alter table ${table} enable row level security`];
  return [
    // Organizations: the current one, plus any the caller belongs to (for User.memberships);
    // written only while scoped to that organization (signUp/createOrganization scope to the new id).
    ...secured('core.organizations'),
    `create policy org_read on core.organizations for select using (id = ${currentOrg}
       or exists (select 1 from core.memberships m where m.org_id = organizations.id and m.user_id = ${currentUser}))`,
    `create policy org_insert on core.organizations for insert with check (id = ${currentOrg})`,
    `create policy org_update on core.organizations for update using (id = ${currentOrg}) with check (id = ${currentOrg})`,
    // Memberships: the current organization's, plus the caller's own (needed at login, before an
    // organization is chosen); changed only inside the current organization.
    ...secured('core.memberships'),
    `create policy membership_read on core.memberships for select using (org_id = ${currentOrg} or user_id = ${currentUser})`,
    `create policy membership_insert on core.memberships for insert with check (org_id = ${currentOrg})`,
    `create policy membership_update on core.memberships for update using (org_id = ${currentOrg}) with check (org_id = ${currentOrg})`,
    `create policy membership_delete on core.memberships for delete using (org_id = ${currentOrg})`,
    // Users: oneself and the members of the current organization.
    ...secured('core.users'),
    `create policy user_read on core.users for select using (id = ${currentUser}
       or exists (select 1 from core.memberships m where m.user_id = users.id and m.org_id = ${currentOrg}))`,
    `create policy user_insert on core.users for insert with check (id = ${currentUser})`,
    `create policy user_update on core.users for update using (id = ${currentUser}) with check (id = ${currentUser})`,
    // Sessions belong to a user, whichever organization they act in.
    ...secured('core.sessions'),
    `create policy session_owner on core.sessions using (user_id = ${currentUser}) with check (user_id = ${currentUser})`,
    ...orgIsolationPolicy('core.api_keys'),
    // Audit entries: read per organization; failed logins (no organization yet) are written with org_id null.
    ...secured('core.audit_log'),
    `create policy audit_read on core.audit_log for select using (org_id = ${currentOrg})`,
    `create policy audit_insert on core.audit_log for insert with check (org_id is null or org_id = ${currentOrg})`,
  ];
}

/**
 * Lookups that must happen before the caller's user or organization is known: by email at
 * login and addMember, by refresh-token hash, by API-key hash. They are SECURITY DEFINER
 * functions owned by the migration owner (RLS does not bind it), each answering one narrow
 * question by an exact secret or key, so the app role never gets a policy that opens whole tables.
 * search_path is pinned so a caller cannot shadow the tables.
 */
function lookupFunctions(): string[] {
  return [
    `create function core.credentials_by_email(p_email text) returns table (id uuid, password_hash text)
       language sql stable security definer set search_path = core, pg_temp as $$
       select u.id, u.password_hash from core.users u where lower(u.email) = lower(p_email) $$`,
    `create function core.user_id_by_email(p_email text) returns uuid
       language sql stable security definer set search_path = core, pg_temp as $$
       select u.id from core.users u where lower(u.email) = lower(p_email) $$`,
    `create function core.session_by_refresh_hash(p_hash text)
       returns table (id uuid, user_id uuid, org_id uuid, family_id uuid, created_at timestamptz, expires_at timestamptz, revoked_at timestamptz, replaced_by uuid)
       language sql stable security definer set search_path = core, pg_temp as $$
       select s.id, s.user_id, s.org_id, s.family_id, s.created_at, s.expires_at, s.revoked_at, s.replaced_by
       from core.sessions s where s.refresh_token_hash = p_hash $$`,
    // Marks a live key used and returns it with its creator's current role; a key whose
    // creator left the organization stops working.
    `create function core.use_api_key(p_hash text)
       returns table (id uuid, org_id uuid, created_by uuid, role text, scopes text[], creator_role text)
       language sql volatile security definer set search_path = core, pg_temp as $$
       update core.api_keys k set last_used_at = now()
       from core.memberships m
       where k.secret_hash = p_hash and k.revoked_at is null and (k.expires_at is null or k.expires_at > now())
         and m.org_id = k.org_id and m.user_id = k.created_by
       returning k.id, k.org_id, k.created_by, k.role, k.scopes, m.role $$`,
  ];
}
