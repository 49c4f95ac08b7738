/**
 * Where a knex client finds the callback that times its statements. On the knex config object:
 * knex's transaction clients are made from the dialect's prototype and share only its `config`,
 * so a property of the dialect instance would miss every statement run inside a transaction.
 */
export const SQL_TIMER = Symbol('sqlTimer');

/** Receives the seconds each statement (one round trip: BEGIN, a query, COMMIT) took. */
export type SqlTimer = (seconds: number) => void;

export type TimedConfig = { [SQL_TIMER]?: SqlTimer };
