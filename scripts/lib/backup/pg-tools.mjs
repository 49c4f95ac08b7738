import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { findOnPath } from '../redis.mjs';
import { UserError } from '../user-error.mjs';

const run = promisify(execFile);

/**
 * The absolute path of a PostgreSQL client program (`pg_dump`, `pg_restore`): from PG_BIN_DIR
 * when set (a client of another major version, e.g. /usr/lib/postgresql/16/bin), else PATH.
 */
export function findPgTool(name, env = process.env) {
  const found = env.PG_BIN_DIR ? findOnPath(name, env.PG_BIN_DIR) : findOnPath(name, env.PATH);
  if (found) return found;
  const where = env.PG_BIN_DIR ? `in PG_BIN_DIR (${env.PG_BIN_DIR})` : 'on PATH';
  throw new UserError(
    `${name} not found ${where}: install the PostgreSQL client of the server's major version or newer (apt-get install postgresql-client) or set PG_BIN_DIR to its bin directory`,
  );
}

/** `pg_dump (PostgreSQL) 15.20 …` → the first line of `<tool> --version`. */
export async function toolVersion(binary) {
  const { stdout } = await run(binary, ['--version']);
  return stdout.trim().split('\n')[0];
}

/**
 * Runs a client program against `url` without putting the password on its command line (where
 * `ps` would show it): libpq reads it from PGPASSWORD. Resolves with stdout; rejects with a
 * UserError holding the program's own last lines of stderr.
 */
export async function runPgTool(binary, args, url, { env = process.env } = {}) {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  const childEnv = { ...env, ...(password ? { PGPASSWORD: password } : {}) };
  try {
    const { stdout } = await run(binary, [...args, `--dbname=${u.toString()}`], { env: childEnv, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const detail = String(error.stderr ?? error.message)
      .trim()
      .split('\n')
      .slice(-3)
      .join(' ');
    throw new UserError(`${path.basename(binary)} failed: ${detail}`);
  }
}
