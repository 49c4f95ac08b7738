import { Client } from 'pg';
import { appDatabaseUrl, ensureAppRole, migrateSubgraph, type loadConfig } from '@flowgraph/kernel';

export interface BenchDatabase {
  ownerUrl: string;
  /** The services' connection (the app role: row-level security applies). */
  appUrl: string;
  drop(): Promise<void>;
}

/** A new database next to `config.DATABASE_URL`'s, with the app role and `plans` applied; `drop()` removes it. */
export async function createBenchDatabase(
  name: string,
  config: ReturnType<typeof loadConfig>,
  plans: readonly Parameters<typeof migrateSubgraph>[1][] = [],
): Promise<BenchDatabase> {
  const admin = new Client({ connectionString: config.DATABASE_URL.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const ownerUrl = config.DATABASE_URL.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
  await ensureAppRole(ownerUrl, config.DATABASE_APP_ROLE, config.DATABASE_APP_PASSWORD);
  for (const plan of plans) await migrateSubgraph(ownerUrl, plan);
  return {
    ownerUrl,
    appUrl: appDatabaseUrl({ ...config, DATABASE_URL: ownerUrl, DATABASE_APP_URL: undefined }),
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
