import { Client } from 'pg';
import { ensureAppRole, loadConfig, migrateSubgraph } from '@flowgraph/kernel';
import { TEMPLATE_ENV, createEmptyDatabase, dropDatabase } from '@flowgraph/kernel/testing';
import { allMigrationPlans } from './subgraph-migrations';
import { rememberDatabases } from './test-databases';

/**
 * Finds or starts Postgres and Redis exactly as `npm start` does (DATABASE_URL / REDIS_URL, the
 * local servers, else embedded Postgres and a local redis-server) and hands them to the test
 * workers through the environment. Then builds one migrated template database for this jest run
 * (named by pid, so runs side by side do not collide). Each test file clones it, which takes
 * milliseconds instead of a migration.
 */
export default async function globalSetup(): Promise<void> {
  // The start scripts are ESM; this file runs as CommonJS, so they are loaded with import().
  const { resolveDatabases } = await import('../scripts/lib/databases.mjs');
  const databases = await resolveDatabases({ env: process.env });
  rememberDatabases(databases);
  process.env.DATABASE_URL = databases.postgres.url;
  process.env.REDIS_URL = databases.redis.url;
  try {
    await buildTemplate();
  } catch (error) {
    await databases.stop();
    throw error;
  }
}

async function buildTemplate(): Promise<void> {
  const config = loadConfig();
  const template = `flowgraph_tpl_${process.pid}`;
  await dropDatabase(config.DATABASE_URL, template);
  const url = await createEmptyDatabase(config.DATABASE_URL, template);
  await ensureAppRole(url, config.DATABASE_APP_ROLE, config.DATABASE_APP_PASSWORD);
  for (const plan of allMigrationPlans) await migrateSubgraph(url, plan);
  // A template must have no open connections when it is cloned.
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [template]);
  await client.end();
  process.env[TEMPLATE_ENV] = template;
}
