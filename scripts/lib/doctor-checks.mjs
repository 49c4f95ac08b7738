import { isPortFree } from './ports.mjs';
import { describeUrl, probePostgres, withDatabase } from './postgres-url.mjs';
import { LOCAL_POSTGRES, embeddedForced, embeddedSettings, localPostgresUrl } from './postgres.mjs';
import { LOCAL_REDIS_PORT, REDIS_MISSING, SPAWNED_REDIS_PORT, findOnPath, pingRedis } from './redis.mjs';
import { httpServices, servicePort } from './services.mjs';
import { loadKernel, loadMigrationPlans } from './kernel.mjs';
import { UserError } from './user-error.mjs';

/**
 * Each check returns `{ status: 'ok' | 'warn' | 'fail', message }`. `warn` means "not running
 * now, but npm start will handle it" and does not fail the doctor.
 */
const ok = (message) => ({ status: 'ok', message });
const warn = (message) => ({ status: 'warn', message });
const fail = (message) => ({ status: 'fail', message });

export function checkNode(version = process.versions.node, minimum = '20.19.0') {
  const [a, b] = [version, minimum].map((v) => v.split('.').map(Number));
  const newer = a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] >= b[2];
  return newer
    ? ok(`Node ${version} (>= ${minimum})`)
    : fail(`Node ${version} is too old: install Node >= ${minimum} (e.g. nvm install 20)`);
}

/**
 * Postgres, with start's resolution rules but starting nothing. Also returns the database URL
 * to check migrations against, when a server is reachable.
 */
export async function checkPostgres(env) {
  if (env.DATABASE_URL && !embeddedForced(env)) {
    const probe = await probePostgres(withDatabase(env.DATABASE_URL, 'postgres'));
    return probe.ok
      ? { ...ok(`Postgres reachable at ${describeUrl(env.DATABASE_URL)} (DATABASE_URL)`), url: env.DATABASE_URL }
      : fail(
          `Postgres from DATABASE_URL (${describeUrl(env.DATABASE_URL)}) is not reachable: ${probe.message} — start it or fix DATABASE_URL`,
        );
  }
  const embedded = embeddedSettings(env);
  const embeddedRunning = async () => (await probePostgres(withDatabase(embedded.url, 'postgres'))).ok;
  const willEmbed = `npm start will start an embedded Postgres on :${embedded.port}`;
  if (embeddedForced(env)) {
    return (await embeddedRunning())
      ? { ...ok(`embedded Postgres running on :${embedded.port} (FLOWGRAPH_EMBEDDED_POSTGRES=1)`), url: embedded.url }
      : warn(`embedded Postgres not running (FLOWGRAPH_EMBEDDED_POSTGRES=1); ${willEmbed}`);
  }
  const probe = await probePostgres(localPostgresUrl('postgres'));
  const where = `${LOCAL_POSTGRES.host}:${LOCAL_POSTGRES.port}`;
  if (probe.ok) return { ...ok(`Postgres reachable at ${where}`), url: localPostgresUrl() };
  if (probe.reason !== 'unreachable')
    return fail(
      `Postgres at ${where} refused user ${LOCAL_POSTGRES.user} (${probe.message}): set DATABASE_URL or FLOWGRAPH_EMBEDDED_POSTGRES=1`,
    );
  if (await embeddedRunning()) return { ...ok(`embedded Postgres running on :${embedded.port}`), url: embedded.url };
  return warn(`no Postgres at ${where}; ${willEmbed} (or set DATABASE_URL)`);
}

/** Redis, with start's resolution rules but starting nothing. */
export async function checkRedis(env) {
  if (env.REDIS_URL) {
    const ping = await pingRedis(env.REDIS_URL);
    return ping.ok
      ? ok(`Redis answers at ${new URL(env.REDIS_URL).host} (REDIS_URL)`)
      : fail(`Redis from REDIS_URL (${new URL(env.REDIS_URL).host}) does not answer PING: ${ping.message}`);
  }
  const ping = await pingRedis(`redis://127.0.0.1:${LOCAL_REDIS_PORT}`);
  if (ping.ok) return ok(`Redis answers at 127.0.0.1:${LOCAL_REDIS_PORT}`);
  if (ping.reason === 'refused')
    return fail(`Redis at 127.0.0.1:${LOCAL_REDIS_PORT} refused PING (${ping.message}): set REDIS_URL with its credentials`);
  if ((await pingRedis(`redis://127.0.0.1:${SPAWNED_REDIS_PORT}`)).ok)
    return ok(`Redis answers at 127.0.0.1:${SPAWNED_REDIS_PORT} (started by npm start)`);
  if (findOnPath('redis-server', env.PATH))
    return warn(`no Redis at 127.0.0.1:${LOCAL_REDIS_PORT}; npm start will start redis-server on :${SPAWNED_REDIS_PORT}`);
  return fail(REDIS_MISSING);
}

/** One result per service port. */
export async function checkPorts(env) {
  const results = [];
  const byPort = httpServices.map((s) => ({ service: s, port: servicePort(s, env) })).sort((a, b) => a.port - b.port);
  for (const { service, port } of byPort) {
    results.push(
      (await isPortFree(port))
        ? ok(`port ${port} (${service.name}) is free`)
        : fail(`port ${port} (${service.name}) is in use: stop what uses it (is npm start already running?) or set ${service.portVar}`),
    );
  }
  return results;
}

/** Pending migrations per subgraph, through the built kernel. */
export async function checkMigrations(url) {
  if (!url) return warn('migrations not checked (no Postgres running; npm start applies them)');
  let kernel;
  let plans;
  try {
    kernel = loadKernel();
    plans = loadMigrationPlans();
  } catch (error) {
    if (error instanceof UserError) return fail(error.message);
    throw error;
  }
  const probe = await probePostgres(url);
  if (probe.reason === 'no-database')
    return fail(`database ${describeUrl(url)} does not exist: run npm run migrate (npm start does it too)`);
  if (!probe.ok) return fail(`cannot check migrations: ${probe.message}`);
  const pending = [];
  for (const { name, plan } of plans) {
    const names = await kernel.pendingMigrations(url, plan);
    if (names.length) pending.push(`${name}: ${names.join(', ')}`);
  }
  return pending.length
    ? fail(`migrations pending (${pending.join('; ')}): run npm run migrate (npm start does it too)`)
    : ok(`migrations applied (${plans.map((p) => p.name).join(', ')})`);
}
