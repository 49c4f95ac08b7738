/**
 * `npm run doctor`: one line per check — Node version, Postgres, Redis, service ports, and
 * migrations — each "ok" or what to fix. Starts nothing. Exits 1 if any check fails.
 */
import { checkMigrations, checkNode, checkPorts, checkPostgres, checkRedis } from './lib/doctor-checks.mjs';

const LABEL = { ok: 'ok  ', warn: 'note', fail: 'FAIL' };
let failed = false;

function print(result) {
  if (result.status === 'fail') failed = true;
  console.log(`${LABEL[result.status]}  ${result.message}`);
}

try {
  const env = process.env;
  print(checkNode());
  const postgres = await checkPostgres(env);
  print(postgres);
  print(await checkRedis(env));
  for (const result of await checkPorts(env)) print(result);
  print(await checkMigrations(postgres.url));
} catch (error) {
  // A bug in a check, not a finding: say so instead of a half-finished report.
  console.error(`doctor crashed: ${error?.stack ?? error}`);
  failed = true;
}
process.exit(failed ? 1 : 0);
