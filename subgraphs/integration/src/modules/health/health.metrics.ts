import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ScrapedGaugeOptions } from '@flowgraph/kernel';
import { HealthRepository } from './health.repository';

/**
 * `integration_connections{connector,health}`: connected integrations by connector and health
 * status (`healthy`, `degraded`, `failing`, `disconnected`, `unchecked`), read at scrape time.
 * Failing ones of one connector across many organizations mean the provider, not an account.
 */
export function connectorHealthGauge(orm: MikroORM): ScrapedGaugeOptions {
  return {
    name: 'integration_connections',
    help: 'Connected integrations by connector and health status, read at scrape time',
    labelNames: ['connector', 'health'],
    async read() {
      const rows = await new HealthRepository(orm.em.fork() as EntityManager).healthCounts();
      return rows.map((row) => ({ labels: { connector: row.connector, health: row.health }, value: row.integrations }));
    },
  };
}
