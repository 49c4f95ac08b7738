import { Migration } from '@mikro-orm/migrations';
import { loadConfig } from '@flowgraph/kernel';

/**
 * Events get the number of their ingestion (`seq`, in the order of each batch, batches in the
 * order they were stored), carried on the stream: events of the same `occurredAt` are mined in
 * the order they were sent rather than by their random id. Existing rows are numbered as well.
 */
export class Migration20261206000400_event_sequence extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    this.addSql(`alter table core.events add column seq bigint generated always as identity`);
    // The relay publishes in ingestion order; the return type changes, so drop and create again.
    this.addSql(`drop function core.unpublished_events(int)`);
    this.addSql(`drop index core.idx_events_unpublished`);
    this.addSql(`create index idx_events_unpublished on core.events (seq) where published_at is null`);
    this.addSql(`create function core.unpublished_events(batch_size int)
      returns table (id uuid, org_id uuid, user_id uuid, tool text, event_type text, occurred_at timestamptz, payload jsonb, seq bigint)
      language sql stable security definer set search_path = core, pg_temp as $$
        select e.id, e.org_id, e.user_id, e.tool, e.event_type, e.occurred_at, e.payload, e.seq
        from core.events e where e.published_at is null
        order by e.seq
        limit least(greatest(batch_size, 1), 1000)
      $$`);
    this.addSql(`revoke all on function core.unpublished_events(int) from public`);
    this.addSql(`grant execute on function core.unpublished_events(int) to ${role}`);
  }
}
