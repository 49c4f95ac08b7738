import { Migration } from '@mikro-orm/migrations';
import { loadConfig } from '@flowgraph/kernel';

/**
 * The event outbox becomes one row per insert, listing its events, instead of a `published_at`
 * stamp on every event: stamping rewrote each event row and its five index entries after it was
 * published (more Postgres CPU than storing the event), and the partial index of unpublished
 * events was a sixth entry per insert. The relay publishes an outbox row's events in order,
 * counts them published, and deletes the row with its last one, in the transaction that follows
 * a successful XADD: at least once, as before.
 */
export class Migration20261206000700_event_outbox extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    this.addSql(`create table core.event_outbox (
      id bigint generated always as identity primary key,
      event_ids uuid[] not null check (cardinality(event_ids) > 0),
      -- How many of event_ids are published: counted, not cut off the list, so a partly published
      -- row's update leaves its (TOASTed) list as it is.
      published int not null default 0
    )`);
    // Written by the application in the insert's own statement; read and cleared only by the relay's functions.
    this.addSql(`grant insert on core.event_outbox to ${role}`);
    // What was waiting to be published still is, in the order it would have gone.
    this.addSql(`insert into core.event_outbox (event_ids)
      select array_agg(id order by seq) from core.events where published_at is null having count(*) > 0`);

    this.addSql(`drop function core.unpublished_events(int)`);
    this.addSql(`drop function core.mark_events_published(uuid[])`);
    this.addSql(`drop index core.idx_events_unpublished`);
    this.addSql(`alter table core.events drop column published_at`);

    // The next events to publish, oldest outbox row first, each row's in its order. An event
    // deleted meanwhile (retention, a deleted organization) comes back as its ordinal with no
    // id, so the relay moves past it. The payload is JSON text: what the stream carries.
    this.addSql(`create function core.unpublished_events(batch_size int)
      returns table (outbox_id bigint, ordinal int, id uuid, org_id uuid, user_id uuid, tool text, event_type text,
                     occurred_at timestamptz, payload text, seq bigint)
      language sql stable security definer set search_path = core, pg_temp as $$
        select o.id, u.ordinal::int, e.id, e.org_id, e.user_id, e.tool, e.event_type, e.occurred_at, e.payload::text, e.seq
        from (select id, event_ids, published from core.event_outbox order by id limit least(greatest(batch_size, 1), 1000)) o
          cross join lateral unnest(o.event_ids) with ordinality as u(event_id, ordinal)
          left join core.events e on e.id = u.event_id
        where u.ordinal > o.published
        order by o.id, u.ordinal
        limit least(greatest(batch_size, 1), 1000)
      $$`);
    // Each outbox row published up to an ordinal: deleted with its last event, else counted.
    this.addSql(`create function core.mark_events_published(outbox_ids bigint[], ordinals int[]) returns void
      language sql security definer set search_path = core, pg_temp as $$
        with published as (select * from unnest(outbox_ids, ordinals) as p(outbox_id, upto)),
        finished as (
          delete from core.event_outbox o using published p
          where o.id = p.outbox_id and p.upto >= cardinality(o.event_ids)
        )
        update core.event_outbox o set published = p.upto
        from published p where o.id = p.outbox_id and p.upto < cardinality(o.event_ids)
      $$`);
    for (const fn of ['unpublished_events(int)', 'mark_events_published(bigint[], int[])']) {
      this.addSql(`revoke all on function core.${fn} from public`);
      this.addSql(`grant execute on function core.${fn} to ${role}`);
    }
  }
}
