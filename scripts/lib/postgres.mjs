import path from 'node:path';
import { stateDir, repoRoot } from './paths.mjs';
import { describeUrl, ensureDatabase, probePostgres } from './postgres-url.mjs';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';
import { isPortFree } from './ports.mjs';
import { UserError } from './user-error.mjs';

/** A Postgres server on this machine's default port, as the `postgres` user (trust auth). */
export const LOCAL_POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'flowgraph' };
/** Embedded Postgres is a local development convenience: fixed, non-secret credentials. */
const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'flowgraph';

export function localPostgresUrl(database = LOCAL_POSTGRES.database) {
  return `postgres://${LOCAL_POSTGRES.user}@${LOCAL_POSTGRES.host}:${LOCAL_POSTGRES.port}/${database}`;
}

/** Where and on which port the embedded Postgres runs (FLOWGRAPH_EMBEDDED_PG_PORT / _DIR). */
export function embeddedSettings(env) {
  const port = Number(env.FLOWGRAPH_EMBEDDED_PG_PORT || 5433);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new UserError(`FLOWGRAPH_EMBEDDED_PG_PORT must be a port number, got "${env.FLOWGRAPH_EMBEDDED_PG_PORT}"`);
  const dir = path.resolve(env.FLOWGRAPH_EMBEDDED_PG_DIR || path.join(stateDir, 'pg'));
  const url = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${LOCAL_POSTGRES.database}`;
  return { port, dir, url };
}

export function embeddedForced(env) {
  return ['1', 'true', 'yes'].includes(String(env.FLOWGRAPH_EMBEDDED_POSTGRES ?? '').toLowerCase());
}

/** A path for messages: relative to the repo when inside it. */
function shortPath(dir) {
  const relative = path.relative(repoRoot, dir);
  return relative && !relative.startsWith('..') ? relative : dir;
}

/**
 * Finds the Postgres to use, in this order:
 *   1. DATABASE_URL, when set;
 *   2. a server on 127.0.0.1:5432 (database `flowgraph`, created if missing);
 *   3. an embedded Postgres on :5433 with data in .flowgraph/pg — also chosen, even when a local
 *      server exists, with FLOWGRAPH_EMBEDDED_POSTGRES=1.
 * Returns `{ url, source, stop }`; `stop()` stops what this started (nothing, for 1 and 2).
 * `ephemeral` (tests) deletes the embedded data dir on stop.
 */
export async function resolvePostgres({ env = process.env, log = console.log, ephemeral = false } = {}) {
  const noop = { stop: async () => {}, kill: () => {} };
  if (env.DATABASE_URL && !embeddedForced(env)) {
    log(`Using Postgres from DATABASE_URL (${describeUrl(env.DATABASE_URL)})`);
    return { url: env.DATABASE_URL, source: 'env', ...noop };
  }

  if (!embeddedForced(env)) {
    const url = localPostgresUrl();
    const probe = await probePostgres(localPostgresUrl('postgres'));
    if (probe.ok) {
      const created = await ensureDatabase(url);
      log(
        `Using Postgres at ${LOCAL_POSTGRES.host}:${LOCAL_POSTGRES.port} (database ${LOCAL_POSTGRES.database}${created ? ', just created' : ''})`,
      );
      return { url, source: 'local', ...noop };
    }
    if (probe.reason !== 'unreachable') {
      throw new UserError(
        `Postgres at ${LOCAL_POSTGRES.host}:${LOCAL_POSTGRES.port} answered but refused user ${LOCAL_POSTGRES.user} (${probe.message}): set DATABASE_URL, or FLOWGRAPH_EMBEDDED_POSTGRES=1 to use an embedded one.`,
      );
    }
    log(`No Postgres at ${LOCAL_POSTGRES.host}:${LOCAL_POSTGRES.port}; starting an embedded one (the first start runs initdb, ~10 s)`);
  }

  const { port, dir, url } = embeddedSettings(env);
  if (!(await isPortFree(port))) {
    throw new UserError(`Port ${port} (embedded Postgres) is already in use: stop what uses it or set FLOWGRAPH_EMBEDDED_PG_PORT.`);
  }
  const handle = await startEmbeddedPostgres({ dir, port, user: EMBEDDED_USER, password: EMBEDDED_PASSWORD, ephemeral });
  try {
    await ensureDatabase(url);
  } catch (error) {
    await handle.stop();
    throw error;
  }
  log(`Started embedded Postgres on :${port} (data in ${shortPath(dir)})`);
  return { url, source: 'embedded', stop: handle.stop, kill: handle.kill };
}
