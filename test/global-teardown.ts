import { loadConfig } from '@flowgraph/kernel';
import { TEMPLATE_ENV, dropDatabase } from '@flowgraph/kernel/testing';

export default async function globalTeardown(): Promise<void> {
  const template = process.env[TEMPLATE_ENV];
  if (template) await dropDatabase(loadConfig().DATABASE_URL, template);
}
