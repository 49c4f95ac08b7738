import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditRecord } from './audit-entry';

/**
 * SQL a subgraph's migration runs to get `<schema>.audit_outbox`: audit entries written in the
 * same transaction as the change they describe, so an entry exists exactly when its change does.
 * The application role may only insert (under its organization's row-level security); the relay
 * reads and clears the outbox across organizations through two owner functions that do only that.
 */
export function auditOutboxMigration(schema: string, role: string): string[] {
  const table = `${schema}.audit_outbox`;
  const current = `nullif(current_setting('app.org_id', true), '')::uuid`;
  return [
    `create table ${table} (
      id uuid primary key,
      org_id uuid,
      actor_id uuid,
      action text not null,
      target_type text,
      target_id text,
      request_id text,
      ip text,
      metadata jsonb not null default '{}',
      created_at timestamptz(3) not null default clock_timestamp()
    )`,
    `create index idx_audit_outbox_created on ${table} (created_at, id)`,
    `alter table ${table} enable row level security`,
    `create policy audit_outbox_insert on ${table} for insert with check (org_id is null or org_id = ${current})`,
    `grant usage on schema ${schema} to ${role}`,
    `grant insert on ${table} to ${role}`,
    `create function ${schema}.pending_audit_entries(batch_size int)
       returns table (id uuid, org_id uuid, actor_id uuid, action text, target_type text, target_id text,
                      request_id text, ip text, metadata jsonb, created_at timestamptz)
       language sql stable security definer set search_path = ${schema}, pg_temp as $$
         select o.id, o.org_id, o.actor_id, o.action, o.target_type, o.target_id, o.request_id, o.ip, o.metadata, o.created_at
         from ${table} o order by o.created_at, o.id limit least(greatest(batch_size, 1), 1000)
       $$`,
    `create function ${schema}.clear_audit_entries(ids uuid[]) returns int
       language sql security definer set search_path = ${schema}, pg_temp as $$
         with cleared as (delete from ${table} where id = any(ids) returning 1) select count(*)::int from cleared
       $$`,
    ...['pending_audit_entries(int)', 'clear_audit_entries(uuid[])'].flatMap((fn) => [
      `revoke all on function ${schema}.${fn} from public`,
      `grant execute on function ${schema}.${fn} to ${role}`,
    ]),
  ];
}

/**
 * Writes one audit entry to `<schema>.audit_outbox` in `em`'s transaction. A plain INSERT without
 * RETURNING: the application role has no read policy on the outbox.
 */
export async function recordAudit(em: EntityManager, schema: string, entry: AuditRecord): Promise<void> {
  await em.execute(
    `insert into ${schema}.audit_outbox (id, org_id, actor_id, action, target_type, target_id, request_id, ip, metadata)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)`,
    [
      randomUUID(),
      entry.orgId ?? null,
      entry.actorId ?? null,
      entry.action,
      entry.targetType ?? null,
      entry.targetId ?? null,
      entry.requestId ?? null,
      entry.ip ?? null,
      JSON.stringify(entry.metadata ?? {}),
    ],
  );
}
