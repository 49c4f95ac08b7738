import type { MikroORM } from '@mikro-orm/postgresql';
import { createOrm } from '../src/db/orm';
import { executeBound } from '../src/db/bound-query';
import { beginScopedTransaction, inScopedTransaction, useStatementScope } from '../src/db/request-transaction';
import { beginScoped, scopedBeginStatement, statementScopePrefix } from '../src/db/scoped-begin';
import { createTestDatabase, statementCounter, type TestDatabase } from '../src/testing';

const ORG = '00000000-0000-4000-8000-0000000000a1';
const USER = '00000000-0000-4000-8000-0000000000b2';
const currentScope = `select current_setting('app.org_id', true) as org, current_setting('app.user_id', true) as "user"`;

let db: TestDatabase;
let orm: MikroORM;

beforeAll(async () => {
  db = await createTestDatabase('scoped');
  // One pooled connection: every transaction below reuses what the previous one left behind.
  orm = await createOrm({ url: db.appUrl, entities: [], poolMax: 1 });
});

afterAll(async () => {
  await orm.close(true);
  await db.drop();
});

describe('a scoped request transaction', () => {
  it('begins with its row scope in one statement, and the scope ends with the transaction', async () => {
    const statements = statementCounter(orm);
    const seen = await inScopedTransaction(orm.em, { orgId: ORG, userId: USER }, (em) => em.execute(currentScope));
    expect(seen).toEqual([{ org: ORG, user: USER }]);
    // The scoped BEGIN, the select, COMMIT.
    expect(statements.statements).toHaveLength(3);
    expect(statements.statements[0]).toMatch(/^begin; select set_config\('app.org_id', '[0-9a-f-]{36}', true\)/);

    // The same pooled connection, outside any scoped transaction: nothing is left set.
    expect(await orm.em.getConnection().execute(currentScope)).toEqual([{ org: '', user: '' }]);
  });

  it('is read only when asked', async () => {
    const em = await beginScopedTransaction(orm.em, { orgId: ORG }, { readOnly: true });
    try {
      await expect(em.execute('create temporary table t (x int)')).rejects.toThrow(/read-only transaction/);
    } finally {
      await em.rollback();
    }
    expect(scopedBeginStatement({ orgId: ORG }, { readOnly: true })).toMatch(/^begin read only; /);
  });

  it('refuses a scope that is not made of UUIDs before any SQL is sent', async () => {
    const statements = statementCounter(orm);
    await expect(beginScopedTransaction(orm.em, { orgId: "x', true); drop table y; --" })).rejects.toThrow(
      'Row scope orgId must be a UUID',
    );
    expect(statements.count()).toBe(0);
    // The pool's one connection is free again.
    expect(await inScopedTransaction(orm.em, {}, (em) => em.execute(currentScope))).toEqual([{ org: '', user: '' }]);
  });

  it('has the pool drop a connection whose scoped BEGIN failed, rather than hand it out inside an aborted transaction', async () => {
    const sent: string[] = [];
    let completed = false;
    // A stand-in of knex's transaction whose query fails as a failed scope would: knex marks it completed.
    const trx = {
      begin: async () => undefined,
      query: async (_connection: object, sql: string) => {
        sent.push(sql);
        completed = true;
      },
      isCompleted: () => completed,
    };
    const connection: { __knex__disposed?: unknown } = {};
    const statement = scopedBeginStatement({ orgId: ORG });
    await beginScoped(trx, connection, statement);
    expect(sent).toEqual([statement]);
    expect(connection.__knex__disposed).toBe('its scoped BEGIN failed');

    // And the pool does drop such a connection: the next transaction gets a fresh one.
    const knex = orm.em.getConnection().getKnex();
    const held = (await knex.client.acquireConnection()) as { __knex__disposed?: unknown; processID: number };
    held.__knex__disposed = 'its scoped BEGIN failed';
    await knex.client.releaseConnection(held);
    const [{ pid }] = await inScopedTransaction(orm.em, { orgId: ORG }, (em) =>
      em.execute<{ pid: number }[]>('select pg_backend_pid() as pid'),
    );
    expect(pid).not.toBe(held.processID);
  });
});

describe('a statement-scoped (read-only) request', () => {
  const scoped = () => {
    const em = orm.em.fork({ clear: true });
    useStatementScope(em, { orgId: ORG, userId: USER });
    return em;
  };
  const unscoped = () => orm.em.getConnection().execute(currentScope);

  it('sends each statement with its scope, read only, as one message, and leaves nothing set on the connection', async () => {
    const em = scoped();
    const statements = statementCounter(orm);
    const [pid] = await em.execute<{ pid: number }[]>('select pg_backend_pid() as pid');
    expect(await em.execute(`${currentScope}, current_setting('transaction_read_only') as ro`)).toEqual([
      { org: ORG, user: USER, ro: 'on' },
    ]);
    // No BEGIN, no COMMIT: the two selects are all knex sent.
    expect(statements.statements).toHaveLength(2);
    // The one pooled connection served both and carries no scope afterwards.
    expect(await orm.em.getConnection().execute<{ pid: number }[]>('select pg_backend_pid() as pid')).toEqual([pid]);
    expect(await unscoped()).toEqual([{ org: '', user: '' }]);
    expect(statementScopePrefix({ orgId: ORG })).toMatch(
      /^select set_config\('transaction_read_only', 'on', true\), set_config\('app.org_id'/,
    );
  });

  it('answers a text of several statements as it is answered without a scope', async () => {
    const text = `select 1 as a; ${currentScope}`;
    // One list of rows per statement, the prefix's left out.
    expect(await scoped().execute(text)).toEqual([[{ a: 1 }], [{ org: ORG, user: USER }]]);
    expect(await orm.em.getConnection().execute(text)).toEqual([[{ a: 1 }], [expect.objectContaining({})]]);
  });

  it('refuses writes and transactions', async () => {
    const em = scoped();
    await expect(em.execute('create temporary table t (x int)')).rejects.toThrow(/read-only transaction/);
    await expect(em.transactional(async () => undefined)).rejects.toThrow('A read-only request cannot open a transaction');
    expect(await unscoped()).toEqual([{ org: '', user: '' }]);
  });

  it('runs a bound statement in a read-only transaction of its own, scoped', async () => {
    const em = scoped();
    expect(
      await executeBound(em, `select current_setting(?, true) as org, current_setting('transaction_read_only') as ro`, ['app.org_id']),
    ).toEqual([{ org: ORG, ro: 'on' }]);
    await expect(executeBound(em, 'create temporary table t as select ?::int as x', [1])).rejects.toThrow(/read-only transaction/);
    // The connection is back in the pool, outside any transaction, with no scope.
    expect(await unscoped()).toEqual([{ org: '', user: '' }]);
    expect(await orm.em.getConnection().execute(`select current_setting('transaction_read_only') as ro`)).toEqual([{ ro: 'off' }]);
  });

  it('leaves the connection usable after a failed statement', async () => {
    const em = scoped();
    await expect(em.execute('select 1 / 0')).rejects.toThrow(/division by zero/);
    expect(await em.execute(currentScope)).toEqual([{ org: ORG, user: USER }]);
    expect(await unscoped()).toEqual([{ org: '', user: '' }]);
  });

  it('refuses a scope that is not made of UUIDs', () => {
    expect(() => useStatementScope(orm.em.fork(), { userId: "'; drop table y; --" })).toThrow('Row scope userId must be a UUID');
  });
});
