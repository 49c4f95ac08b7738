import type { MikroORM } from '@mikro-orm/postgresql';
import gql from 'graphql-tag';
import { Client } from 'pg';
import { createLogger, createOrm, startSubgraphServer, type RunningServer } from '../src';
import { createTestDatabase, postGraphQL, type TestDatabase } from '../src/testing';

/**
 * A mutation's transaction is committed after its resolvers ran (subgraph-server's request
 * lifecycle). When Postgres goes away between the last statement and COMMIT (a crash, a
 * failover), the client must see UNAVAILABLE, as for any other outage, not INTERNAL (issue 18,
 * found by the chaos tests: one `executeWorkflow` during a Postgres crash).
 */
const secret = 'subgraph-commit-test-secret-0123456789abcdef';

let db: TestDatabase;
let orm: MikroORM;
let owner: Client;
let server: RunningServer;

beforeAll(async () => {
  db = await createTestDatabase('commitfail');
  orm = await createOrm({ url: db.appUrl, entities: [], poolMax: 2 });
  owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  server = await startSubgraphServer(
    {
      name: 'probe',
      typeDefs: gql`
        type Query {
          ok: Boolean
        }
        type Mutation {
          "Runs a statement in the request's transaction, then has the transaction's server process end (as a crash does) before COMMIT."
          losePostgresBeforeCommit: Boolean
          "Runs a statement in the request's transaction, then fails as a bug would."
          failAfterStatement: Boolean
        }
      `,
      resolvers: {
        Query: { ok: () => true },
        Mutation: {
          losePostgresBeforeCommit: async (_root: unknown, _args: unknown, { em }: { em: MikroORM['em'] }) => {
            const [{ pid }] = await em.execute<{ pid: number }[]>('select pg_backend_pid() as pid');
            await owner.query('select pg_terminate_backend($1)', [pid]);
            return true;
          },
          failAfterStatement: async (_root: unknown, _args: unknown, { em }: { em: MikroORM['em'] }) => {
            await em.execute('select 1');
            throw new TypeError("Cannot read properties of undefined (reading 'id')");
          },
        },
      },
      orm,
      logger: createLogger('probe', process.env.TEST_LOG ?? 'silent'),
      identitySecret: secret,
      extendContext: (base) => base,
    },
    0,
  );
});

afterAll(async () => {
  await server?.stop();
  await owner?.end();
  await orm?.close(true);
  await db?.drop();
});

describe("a mutation's COMMIT", () => {
  it('answers UNAVAILABLE with retryAfter when Postgres is gone at commit time', async () => {
    const response = await postGraphQL(server.url, 'mutation { losePostgresBeforeCommit }', {}, { secret });
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([
      {
        message: 'Service temporarily unavailable, retry later',
        extensions: { code: 'UNAVAILABLE', retryAfter: 5, request_id: expect.any(String) },
      },
    ]);
    // The pool replaced the dead connection: the next request is served.
    expect((await postGraphQL(server.url, '{ ok }', {}, { secret })).data).toEqual({ ok: true });
  });

  it("still masks a resolver's bug as INTERNAL (its transaction rolled back, not committed)", async () => {
    const response = await postGraphQL(server.url, 'mutation { failAfterStatement }', {}, { secret });
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: 'Internal server error',
        extensions: expect.objectContaining({ code: 'INTERNAL', masked: true }),
      }),
    ]);
  });
});
