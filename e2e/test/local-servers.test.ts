import { Client } from 'pg';
import Redis from 'ioredis';
import { startPostgres, startRedis, startReplica, type PostgresServer, type RedisServer } from '../support/local-servers';

// The kit the replica, restore and chaos tests stand on: a cluster of the test's own, its streaming standby, a Redis.
describe('local servers', () => {
  let primary: PostgresServer;
  let replica: PostgresServer;
  let redis: RedisServer;

  beforeAll(async () => {
    primary = await startPostgres();
    replica = await startReplica(primary);
    redis = await startRedis();
  }, 120_000);

  afterAll(async () => {
    await replica?.remove();
    await primary?.remove();
    await redis?.remove();
  });

  async function query<T>(server: PostgresServer, sql: string): Promise<T[]> {
    const client = new Client({ connectionString: server.url() });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }

  it('streams what the primary writes to the standby, which refuses writes', async () => {
    await query(primary, 'create table probe (id int); insert into probe values (7)');
    let rows: { id: number }[] = [];
    for (let i = 0; i < 50 && rows.length === 0; i++) {
      rows = await query<{ id: number }>(replica, 'select id from probe').catch(() => []);
      if (rows.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(rows).toEqual([{ id: 7 }]);
    await expect(query(replica, 'insert into probe values (8)')).rejects.toThrow(/read-only/);
  });

  it('survives a stop and start of the primary with its data', async () => {
    await primary.stop('immediate');
    await expect(query(primary, 'select 1')).rejects.toThrow();
    await primary.start();
    expect(await query(primary, 'select count(*)::int as n from probe')).toEqual([{ n: 1 }]);
  });

  it('restarts Redis empty on the same port', async () => {
    const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
    await client.set('k', 'v');
    await redis.stop();
    await redis.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await client.get('k')).toBeNull();
    client.disconnect();
  });

  it('keeps what an append-only Redis acknowledged across a kill', async () => {
    const persisted = await startRedis({ appendOnly: true });
    const client = new Redis(persisted.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await client.connect();
      await client.xadd('s', '*', 'f', 'v');
      await persisted.stop();
      await persisted.start();
      expect(await client.xlen('s')).toBe(1);
    } finally {
      client.disconnect();
      await persisted.remove();
    }
  });
});
