import { PostgreSqlKnexDialect, type Knex } from '@mikro-orm/postgresql';
import { isUuid } from '../ids';
import { SQL_TIMER, type TimedConfig } from './sql-timing';

/** What row-level security policies read: `current_setting('app.org_id', true)`. */
export interface RowScope {
  orgId?: string;
  userId?: string;
}

/** A knex transaction config that opens with the row-level scope already set. */
export interface ScopedTransactionConfig extends Knex.TransactionConfig {
  rowScope?: RowScope;
}

/** The parts of knex's Transaction this dialect uses (knex does not type them). */
export interface KnexTransactionInternals {
  readOnly?: boolean;
  isolationLevel?: string;
  begin(connection: object): Promise<unknown>;
  query(connection: object, sql: string): Promise<unknown>;
  isCompleted(): boolean;
}

/** A scope value as a SQL literal: only UUIDs (or nothing) ever reach the statement. */
function scopeLiteral(value: string | undefined, name: string): string {
  if (value === undefined || value === '') return "''";
  if (!isUuid(value)) throw new Error(`Row scope ${name} must be a UUID`);
  return `'${value}'`;
}

/**
 * `BEGIN` and the transaction-local row scope as one simple-protocol statement: one round trip
 * instead of two for every request (decision 0026). The values are validated UUIDs, so no
 * caller text enters the SQL.
 */
export function scopedBeginStatement(scope: RowScope, mode: { readOnly?: boolean; isolationLevel?: string } = {}): string {
  const org = scopeLiteral(scope.orgId, 'orgId');
  const user = scopeLiteral(scope.userId, 'userId');
  const modes = [mode.isolationLevel ? `isolation level ${mode.isolationLevel}` : '', mode.readOnly ? 'read only' : '']
    .filter(Boolean)
    .join(' ');
  return `begin${modes ? ` ${modes}` : ''}; select set_config('app.org_id', ${org}, true), set_config('app.user_id', ${user}, true)`;
}

/**
 * What a read-only request sends before each of its statements, in the same simple-protocol
 * message: Postgres runs the statements of one message as one implicit transaction, so the scope
 * and READ ONLY hold for the statement and end with it (decision 0026).
 */
export function statementScopePrefix(scope: RowScope): string {
  const org = scopeLiteral(scope.orgId, 'orgId');
  const user = scopeLiteral(scope.userId, 'userId');
  return `select set_config('transaction_read_only', 'on', true), set_config('app.org_id', ${org}, true), set_config('app.user_id', ${user}, true); `;
}

/** The statement-scope prefix a request's client carries (see `statementScopedContext`). */
const STATEMENT_SCOPE = Symbol('statementScope');

/** What knex hands its dialect's `_query` (knex does not type it). */
interface KnexQueryObject {
  sql: string;
  bindings?: unknown[];
  response?: unknown;
}

type DialectQuery = (connection: object, obj: KnexQueryObject) => Promise<KnexQueryObject>;

/**
 * MikroORM's Postgres dialect whose top-level transactions, when given a `rowScope`, send
 * `scopedBeginStatement` instead of knex's bare `BEGIN`, and whose statement-scoped clients
 * (`statementScopedContext`) send each statement with its scope. Installed by `createOrm`;
 * transactions without a scope (migrations, MikroORM's own) begin as before.
 */
export class ScopedPostgreSqlDialect extends PostgreSqlKnexDialect {
  declare [STATEMENT_SCOPE]?: string;

  transaction(container: unknown, config: ScopedTransactionConfig | undefined, outerTx: unknown): unknown {
    const trx = super.transaction(container, config, outerTx) as KnexTransactionInternals;
    const scope = outerTx ? undefined : config?.rowScope;
    // knex calls begin() once a connection is acquired, never during construction.
    if (scope) trx.begin = (connection) => beginScoped(trx, connection, scopedBeginStatement(scope, trx));
    return trx;
  }

  _query(connection: object, obj: KnexQueryObject): Promise<KnexQueryObject> {
    const timer = (this.config as TimedConfig)[SQL_TIMER];
    if (timer === undefined) return this.scopedQuery(connection, obj);
    const started = performance.now();
    const done = () => timer((performance.now() - started) / 1000);
    const sent = this.scopedQuery(connection, obj);
    sent.then(done, done);
    return sent;
  }

  private scopedQuery(connection: object, obj: KnexQueryObject): Promise<KnexQueryObject> {
    const query = super._query as DialectQuery;
    const prefix = this[STATEMENT_SCOPE];
    // Every statement of the process passes here: the plain path allocates nothing.
    if (prefix === undefined) return query.call(this, connection, obj);
    const send: DialectQuery = (c, o) => query.call(this, c, o);
    return obj.bindings?.length ? boundInScope(send, connection, obj, prefix) : prefixedInScope(send, connection, obj, prefix);
  }
}

/** One message, one implicit transaction: the scope, then the statement; the answer is the statement's. */
async function prefixedInScope(query: DialectQuery, connection: object, obj: KnexQueryObject, prefix: string): Promise<KnexQueryObject> {
  const sql = obj.sql;
  obj.sql = prefix + sql;
  try {
    const done = await query(connection, obj);
    // Drop the prefix's own result; a text of several statements keeps its list, as unscoped.
    const [, ...results] = done.response as unknown[];
    done.response = results.length === 1 ? results[0] : results;
    return done;
  } finally {
    obj.sql = sql;
  }
}

/**
 * Parameters sent beside the statement go by the extended protocol, one statement a message, so
 * a bound statement gets an explicit read-only transaction of its own on its connection. A
 * connection left inside it by a failure is dropped by the pool (as in `beginScoped`).
 */
async function boundInScope(query: DialectQuery, connection: object, obj: KnexQueryObject, prefix: string): Promise<KnexQueryObject> {
  const marked = connection as { __knex__disposed?: unknown };
  marked.__knex__disposed = 'inside a statement-scoped transaction';
  await query(connection, { sql: `begin read only; ${prefix}` });
  try {
    return await query(connection, obj);
  } finally {
    await query(connection, { sql: 'commit' });
    delete marked.__knex__disposed;
  }
}

/** The parts of a knex transaction MikroORM and knex use from a request's transaction context. */
export interface StatementScopedContext {
  client: object;
  isCompleted(): boolean;
  transaction(): never;
}

/**
 * A transaction context for a read-only request: each statement borrows a pooled connection and
 * runs alone, with the request's scope and READ ONLY, in one round trip, instead of BEGIN and
 * COMMIT around the request. knex's `transacting()` takes any object whose client says it is
 * transacting; this one's client is the pool's own, with the prefix. A write (a flush, a nested
 * transaction) is refused.
 */
export function statementScopedContext(dialect: ScopedPostgreSqlDialect, scope: RowScope): StatementScopedContext {
  const client = Object.create(dialect) as ScopedPostgreSqlDialect & { transacting: boolean };
  client[STATEMENT_SCOPE] = statementScopePrefix(scope);
  client.transacting = true;
  return {
    client,
    isCompleted: () => false,
    transaction: () => {
      throw new Error('A read-only request cannot open a transaction (a query that writes must be a mutation)');
    },
  };
}

/**
 * Runs the scoped BEGIN through knex's own transaction query (which marks the transaction failed
 * on error). A connection whose scope failed after BEGIN took would sit inside an aborted
 * transaction, so it is marked the way knex marks a broken connection (`__knex__disposed`): the
 * pool destroys it instead of handing it out again. Exported for its test.
 */
export async function beginScoped(trx: KnexTransactionInternals, connection: object, statement: string): Promise<unknown> {
  const result = await trx.query(connection, statement);
  if (trx.isCompleted()) {
    const marked = connection as { __knex__disposed?: unknown };
    marked.__knex__disposed ??= 'its scoped BEGIN failed';
  }
  return result;
}
