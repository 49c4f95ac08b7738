import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { appDatabaseUrl, loadConfig } from '../config';

/** Set by the jest global setup: the migrated template every test database is cloned from. */
export const TEMPLATE_ENV = 'FLOWGRAPH_TEST_TEMPLATE';

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function onServer<T>(ownerUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(ownerUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  /** Owner connection (migrations, test assertions that must see everything). */
  ownerUrl: string;
  /** Application-role connection (what services use; row-level security applies). */
  appUrl: string;
  drop(): Promise<void>;
}

/** Clones the migrated template into a database of the caller's own; `drop()` removes it. */
export async function createTestDatabase(prefix = 't'): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) throw new Error(`${TEMPLATE_ENV} is not set: run tests through jest (its global setup builds the template)`);
  const config = loadConfig();
  const name = uniqueName(prefix);
  await onServer(config.DATABASE_URL, async (client) => {
    // Two clones of one template at the same instant can collide on the template's lock: retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`create database ${name} template ${template}`);
        return;
      } catch (error) {
        if (attempt >= 10 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  const ownerUrl = withDatabase(config.DATABASE_URL, name);
  return {
    name,
    ownerUrl,
    appUrl: appDatabaseUrl({ ...config, DATABASE_APP_URL: undefined, DATABASE_URL: ownerUrl }),
    drop: () => dropDatabase(config.DATABASE_URL, name),
  };
}

export async function dropDatabase(ownerUrl: string, name: string): Promise<void> {
  await onServer(ownerUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
}

export async function createEmptyDatabase(ownerUrl: string, name: string): Promise<string> {
  await onServer(ownerUrl, (client) => client.query(`create database ${name}`));
  return withDatabase(ownerUrl, name);
}
