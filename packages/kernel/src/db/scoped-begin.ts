import { PostgreSqlKnexDialect, type Knex } from '@mikro-orm/postgresql';
import { isUuid } from '../ids';

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
 * MikroORM's Postgres dialect whose top-level transactions, when given a `rowScope`, send
 * `scopedBeginStatement` instead of knex's bare `BEGIN`. Installed by `createOrm`; transactions
 * without a scope (migrations, MikroORM's own) begin as before.
 */
export class ScopedPostgreSqlDialect extends PostgreSqlKnexDialect {
  transaction(container: unknown, config: ScopedTransactionConfig | undefined, outerTx: unknown): unknown {
    const trx = super.transaction(container, config, outerTx) as KnexTransactionInternals;
    const scope = outerTx ? undefined : config?.rowScope;
    // knex calls begin() once a connection is acquired, never during construction.
    if (scope) trx.begin = (connection) => beginScoped(trx, connection, scopedBeginStatement(scope, trx));
    return trx;
  }
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
