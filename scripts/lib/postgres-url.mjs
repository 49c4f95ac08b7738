import pg from 'pg';

/** "host:port/db" without credentials, for messages. */
export function describeUrl(url) {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

/** The same server, another database. */
export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNRESET', 'EAI_AGAIN']);

/**
 * Connects once and runs `select 1`. Returns `{ ok: true }` or `{ ok: false, reason, message }`
 * with reason `unreachable` (nothing listening), `auth` (refused the user), `no-database`, or
 * `error`. Never throws: callers turn the reason into advice.
 */
export async function probePostgres(url, timeoutMs = 3000) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {}); // a server going away after the probe is not our concern
  try {
    await client.connect();
    await client.query('select 1');
    return { ok: true };
  } catch (error) {
    const code = error?.code;
    let reason = 'error';
    if (UNREACHABLE.has(code) || /timeout/i.test(String(error?.message))) reason = 'unreachable';
    else if (code === '28P01' || code === '28000') reason = 'auth';
    else if (code === '3D000') reason = 'no-database';
    return { ok: false, reason, message: String(error?.message ?? error) };
  } finally {
    await client.end().catch(() => {});
  }
}

/** Runs `work` with a client on the server's `postgres` database (to create databases). */
async function onServer(url, work) {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the URL's database when it does not exist. Returns true when it created it. */
export async function ensureDatabase(url) {
  const name = databaseName(url);
  return onServer(url, async (client) => {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount > 0) return false;
    try {
      await client.query(`create database ${client.escapeIdentifier(name)}`);
      return true;
    } catch (error) {
      // Two processes racing to create it: the loser's "already exists" is fine.
      if (error?.code === '42P04') return false;
      throw error;
    }
  });
}
