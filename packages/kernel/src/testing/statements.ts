import type { MikroORM } from '@mikro-orm/postgresql';

/** Counts SQL statements sent through an ORM's connection, for N+1 tests. */
export function statementCounter(orm: MikroORM): { count: () => number; reset: () => void; statements: string[] } {
  const statements: string[] = [];
  const knex = orm.em.getConnection().getKnex();
  knex.on('query', (query: { sql: string }) => statements.push(query.sql));
  return {
    count: () => statements.length,
    reset: () => void statements.splice(0),
    statements,
  };
}
