/**
 * `npm run migrate`: creates the database if needed, ensures the application role, then applies
 * every subgraph's migrations in order (core, workflow, integration, analytics).
 * Also imported by start.mjs as `migrate()`.
 */
import { pathToFileURL } from 'node:url';
import { loadKernel, loadMigrationPlans } from './lib/kernel.mjs';
import { describeUrl, ensureDatabase, probePostgres } from './lib/postgres-url.mjs';
import { UserError, reportFatal } from './lib/user-error.mjs';

/**
 * Migrates the database at `databaseUrl` (default: the kernel config's DATABASE_URL).
 * Returns `{ created, applied: { <subgraph>: [migration names] } }`.
 */
export async function migrate({ databaseUrl, env = process.env, log = console.log } = {}) {
  const kernel = loadKernel();
  const plans = loadMigrationPlans();
  const config = kernel.loadConfig({}, databaseUrl ? { ...env, DATABASE_URL: databaseUrl } : env);
  const url = config.DATABASE_URL;

  const probe = await probePostgres(new URL('/postgres', url).toString());
  if (!probe.ok) {
    throw new UserError(
      `Cannot reach Postgres at ${describeUrl(url)} (${probe.message}): start it, set DATABASE_URL, or run npm start (it can start an embedded Postgres).`,
    );
  }
  const created = await ensureDatabase(url);
  if (created) log(`migrate: created database ${describeUrl(url)}`);

  await kernel.ensureAppRole(url, config.DATABASE_APP_ROLE, config.DATABASE_APP_PASSWORD);
  const applied = {};
  for (const { name, plan } of plans) {
    applied[name] = await kernel.migrateSubgraph(url, plan);
    const names = applied[name];
    log(names.length ? `migrate: ${name}: applied ${names.length} (${names.join(', ')})` : `migrate: ${name}: up to date`);
  }
  return { created, applied };
}

// Run as a command (not when imported by start.mjs).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  migrate().then(
    () => process.exit(0),
    (error) => {
      reportFatal(error);
      process.exit(1);
    },
  );
}
