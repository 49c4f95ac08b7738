import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { Client } from 'pg';
import pino from 'pino';
import { createOrm } from '../src/db/orm';
import { inScopedTransaction } from '../src/db/request-transaction';
import { createErrorFormatter, httpStatusOf, ErrorCode } from '../src/errors';
import { createRedis } from '../src/redis';
import { withTimeout } from '../src/timeouts';
import { createTestDatabase, type TestDatabase } from '../src/testing';

/** A port nothing listens on (just released). */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** What a resolver's failure looks like once formatted: the error wrapped as Apollo wraps it. */
function format(error: unknown) {
  const lines: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
  const wrapped = new GraphQLError(error instanceof Error ? error.message : String(error), {
    originalError: error as Error,
    extensions: { request_id: 'req-u' },
  });
  return { formatted: createErrorFormatter(logger)({ message: wrapped.message, extensions: { request_id: 'req-u' } }, wrapped), lines };
}

const expectUnavailable = (error: unknown) => {
  const { formatted, lines } = format(error);
  expect(formatted).toEqual({
    message: 'Service temporarily unavailable, retry later',
    extensions: { code: 'UNAVAILABLE', retryAfter: 5, request_id: 'req-u' },
  });
  // The detail is logged, not sent.
  expect(lines.join('')).toContain('dependency unavailable');
};

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('unavail');
});

afterAll(async () => {
  await db?.drop();
});

describe('UNAVAILABLE', () => {
  it('is its own catalog code, answered with HTTP 503', () => {
    expect(httpStatusOf[ErrorCode.UNAVAILABLE]).toBe(503);
  });

  it('is what a refused Postgres connection becomes', async () => {
    const port = await closedPort();
    const client = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/x` });
    expectUnavailable(await failureOf(() => client.connect()));
  });

  it('is what a Postgres connection ended by the server becomes', async () => {
    const client = new Client({ connectionString: db.appUrl });
    await client.connect();
    client.on('error', () => undefined);
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    await owner.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
    await owner.end();
    expectUnavailable(await failureOf(() => client.query('select 1')));
  });

  it('is what a scoped transaction becomes when the server ended its pooled connection, whichever statement meets it, and the pool keeps its one connection', async () => {
    const orm = await createOrm({ url: db.appUrl, entities: [], poolMax: 1 });
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    const failures: unknown[] = [];
    try {
      for (let round = 0; round < 10; round++) {
        const attempt = () =>
          inScopedTransaction(orm.em, { orgId: '00000000-0000-4000-8000-000000000001' }, (em) => em.execute('select 1')).then(
            () => null,
            (error: unknown) => error,
          );
        // A healthy pooled connection first: the previous round's loss may still be in the pool, and a
        // failed transaction that kept the pool's one connection would make this wait forever.
        while (await attempt()) await new Promise((resolve) => setTimeout(resolve, 10));
        const terminated = owner.query(
          `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and usename <> current_user`,
          [db.name],
        );
        // Half the rounds start before the end of the connection is known (BEGIN meets it), half after.
        if (round % 2 === 1) await terminated;
        const failure = await attempt();
        await terminated;
        if (failure) failures.push(failure);
      }
      expect(failures.length).toBeGreaterThan(0);
      for (const failure of failures) expectUnavailable(failure);
    } finally {
      await owner.end();
      await orm.close(true);
    }
  });

  it('is what waiting for a pooled connection that never comes becomes', async () => {
    const orm = await createOrm({ url: db.appUrl, entities: [], poolMax: 1 });
    const knex = orm.em.getConnection().getKnex();
    const held = await knex.client.acquireConnection();
    try {
      knex.client.config.acquireConnectionTimeout = 50;
      knex.client.pool.acquireTimeoutMillis = 50;
      expectUnavailable(await failureOf(() => knex.raw('select 1')));
    } finally {
      await knex.client.releaseConnection(held);
      await orm.close(true);
    }
  });

  it('is what a request-path Redis command becomes when Redis is down', async () => {
    const redis = createRedis(`redis://127.0.0.1:${await closedPort()}`);
    redis.on('error', () => undefined);
    try {
      expectUnavailable(await failureOf(() => redis.exists('k')));
    } finally {
      redis.disconnect();
    }
  });

  it('is what a refused HTTP call to another service becomes', async () => {
    const port = await closedPort();
    expectUnavailable(await failureOf(() => fetch(`http://127.0.0.1:${port}/graphql`)));
  });

  it('is what a bounded wait that ran out becomes', async () => {
    expectUnavailable(await failureOf(() => withTimeout(new Promise(() => undefined), 10, 'store')));
  });

  it('leaves a bug INTERNAL', async () => {
    const { formatted } = format(await failureOf(async () => (undefined as unknown as { x: number }).x));
    expect(formatted.extensions).toMatchObject({ code: 'INTERNAL', masked: true });
  });
});
