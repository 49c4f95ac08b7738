import { Client } from 'pg';
import { ensureAppRole, loadConfig, migrateSubgraph } from '@flowgraph/kernel';
import { TEMPLATE_ENV, createEmptyDatabase, dropDatabase } from '@flowgraph/kernel/testing';
import { allMigrationPlans } from './subgraph-migrations';

/**
 * Builds one migrated template database for this jest run (named by pid, so runs side by side
 * do not collide). Each test file clones it, which takes milliseconds instead of a migration.
 */
export default async function globalSetup(): Promise<void> {
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
