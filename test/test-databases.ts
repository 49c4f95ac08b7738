import type { Databases } from '../scripts/lib/databases.mjs' with { 'resolution-mode': 'import' };

/** jest runs globalSetup and globalTeardown in one process: what the first started, the second stops. */
const holder = globalThis as { flowgraphTestDatabases?: Databases };

export function rememberDatabases(databases: Databases): void {
  holder.flowgraphTestDatabases = databases;
  // jest interrupted before its teardown: a redis-server or Postgres we started must not outlive it.
  process.once('exit', () => databases.kill());
}

export async function stopDatabases(): Promise<void> {
  await holder.flowgraphTestDatabases?.stop();
  holder.flowgraphTestDatabases = undefined;
}
