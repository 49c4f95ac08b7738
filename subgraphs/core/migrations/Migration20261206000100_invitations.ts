import { Migration } from '@mikro-orm/migrations';
import { loadConfig, orgIsolationPolicy } from '@flowgraph/kernel';

/** Members join by invitation: inviteMember, acceptInvitation, signUp with an invitation. */
export class Migration20261206000100_invitations extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    // Like refresh tokens, only the token's sha256 is stored. accepted_by has no foreign key:
    // sign-up with an invitation claims it before the new user's row is written.
    this.addSql(`create table core.invitations (
      id uuid primary key,
      org_id uuid not null references core.organizations (id) on delete cascade,
      email text not null,
      role text not null check (role in ('owner', 'admin', 'member', 'viewer')),
      token_hash text not null unique,
      invited_by uuid not null references core.users (id),
      created_at timestamptz(3) not null default now(),
      expires_at timestamptz(3) not null,
      accepted_at timestamptz(3),
      accepted_by uuid,
      revoked_at timestamptz(3)
    )`);
    // The pending list and "replace the pending invitation of this email" both read by organization.
    this.addSql(`create index idx_invitations_org_created on core.invitations (org_id, created_at desc, id desc)`);
    for (const sql of orgIsolationPolicy('core.invitations')) this.addSql(sql);
    this.addSql(`grant select, insert, update on core.invitations to ${role}`);

    // Accepting happens before the invitation's organization is the request's scope: a narrow
    // owner-run lookup by the token's hash, as for refresh tokens.
    this.addSql(`create function core.invitation_by_token_hash(p_hash text)
       returns table (id uuid, org_id uuid, email text, role text, expires_at timestamptz, accepted_at timestamptz, revoked_at timestamptz)
       language sql stable security definer set search_path = core, pg_temp as $$
       select i.id, i.org_id, i.email, i.role, i.expires_at, i.accepted_at, i.revoked_at
       from core.invitations i where i.token_hash = p_hash $$`);
    this.addSql(`revoke all on function core.invitation_by_token_hash(text) from public`);
    this.addSql(`grant execute on function core.invitation_by_token_hash(text) to ${role}`);
  }
}
