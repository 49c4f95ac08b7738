/**
 * Recognises a dependency that is unreachable for now (as opposed to a bug): a refused or cut
 * connection, a timeout, Postgres shutting down or refusing connections, ioredis giving up on a
 * command. Such failures are worth retrying as they are; the error catalog calls them UNAVAILABLE.
 */

/** Seconds a client should wait before retrying an UNAVAILABLE answer (its `Retry-After`). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Node socket and undici connection failures. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * Postgres SQLSTATEs of a server that cannot serve now: class 08 (connection exception), 53300
 * (too many connections), 57P01–57P03 (shutting down, crash recovery, cannot connect now).
 */
const POSTGRES_CODE = /^(08\d{3}|53300|57P0[1-3])$/;

/** Messages of pg and ioredis failures that carry no code (knex puts the failed SQL and " - " before pg's). */
const MESSAGES = [
  /(^| - )Connection terminated/, // pg: the server went away mid-query
  /(^| - )Client has encountered a connection error/, // pg: a client whose connection was ended
  /^timeout exceeded when trying to connect/, // pg pool
  /^Connection is closed\.?$/, // ioredis
  /^Stream isn't writeable/, // ioredis without offline queue
  /^Reached the max retries per request limit/, // ioredis MaxRetriesPerRequestError
];

/** `KnexTimeoutError`: no pooled connection could be had in time (the database refuses or is saturated). */
const NAMES = new Set(['MaxRetriesPerRequestError', 'ConnectionException', 'TimeoutError', 'KnexTimeoutError']);

/** A dependency's own answer that it is out (the catalog's UNAVAILABLE, passed on as an AppError). */
const UNAVAILABLE_CODE = 'UNAVAILABLE';

type Inspected = { name?: unknown; code?: unknown; message?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };

function matches(error: Inspected): boolean {
  const code = typeof error.code === 'string' ? error.code : '';
  const message = typeof error.message === 'string' ? error.message : '';
  return (
    code === UNAVAILABLE_CODE ||
    NETWORK_CODES.has(code) ||
    POSTGRES_CODE.test(code) ||
    NAMES.has(String(error.name)) ||
    MESSAGES.some((pattern) => pattern.test(message))
  );
}

/** Whether `error`, or anything it wraps (cause, originalError, an AggregateError's errors), is an unavailable dependency. */
export function isUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const inspected = error as Inspected;
  if (matches(inspected)) return true;
  const wrapped = [inspected.cause, inspected.originalError, ...(Array.isArray(inspected.errors) ? inspected.errors : [])];
  return wrapped.some((inner) => isUnavailable(inner, depth + 1));
}

/** HTTP answers of a proxy or server that cannot serve now, rather than of a failed request. */
export const isUnreachableStatus = (status: number): boolean => status === 502 || status === 503 || status === 504;

/** The innermost cause's code or message: "ECONNREFUSED" rather than undici's "fetch failed". */
export function causeOf(error: unknown): string {
  let inner = error as { cause?: unknown; code?: unknown; message?: unknown };
  while (inner.cause && typeof inner.cause === 'object') inner = inner.cause as typeof inner;
  return String(inner.code ?? inner.message);
}
