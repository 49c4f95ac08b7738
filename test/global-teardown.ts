import { loadConfig } from '@flowgraph/kernel';
import { TEMPLATE_ENV, dropDatabase } from '@flowgraph/kernel/testing';
import { stopDatabases } from './test-databases';

export default async function globalTeardown(): Promise<void> {
  try {
    const template = process.env[TEMPLATE_ENV];
    if (template) await dropDatabase(loadConfig().DATABASE_URL, template);
  } finally {
    await stopDatabases();
  }
}
