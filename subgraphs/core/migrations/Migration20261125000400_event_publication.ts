import { Migration } from '@mikro-orm/migrations';
import { loadConfig } from '@flowgraph/kernel';

/**
 * core.events becomes the outbox of the event stream: the Core worker's relay copies each stored
 * event to the Redis stream `<REDIS_PREFIX>:events` and then stamps `published_at`.
 */
export class Migration20261125000400_event_publication extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    this.addSql(`alter table core.events add column published_at timestamptz(3)`);
    // Events stored before the stream existed are history, not news: triggers must not fire for them.
    this.addSql(`update core.events set published_at = created_at`);
    // The relay's only query: the oldest unpublished events. Stays tiny because published rows leave it.
    this.addSql(`create index idx_events_unpublished on core.events (created_at, id) where published_at is null`);

    // The relay works across organizations, which row-level security hides from the application
    // role, and the role may not update events; these two functions run as the owner and do only this.
    this.addSql(`create function core.unpublished_events(batch_size int)
      returns table (id uuid, org_id uuid, user_id uuid, tool text, event_type text, occurred_at timestamptz, payload jsonb)
      language sql stable security definer set search_path = core, pg_temp as $$
        select e.id, e.org_id, e.user_id, e.tool, e.event_type, e.occurred_at, e.payload
        from core.events e where e.published_at is null
        order by e.created_at, e.id
        limit least(greatest(batch_size, 1), 1000)
      $$`);
    this.addSql(`create function core.mark_events_published(ids uuid[]) returns int
      language sql security definer set search_path = core, pg_temp as $$
        with marked as (
          update core.events set published_at = now() where id = any(ids) and published_at is null returning 1
        )
        select count(*)::int from marked
      $$`);
    for (const fn of ['unpublished_events(int)', 'mark_events_published(uuid[])']) {
      this.addSql(`revoke all on function core.${fn} from public`);
      this.addSql(`grant execute on function core.${fn} to ${role}`);
    }
  }
}
