import { Gauge, type Registry } from 'prom-client';

/** One series of a scraped gauge. */
export interface GaugeReading {
  labels: Record<string, string>;
  value: number;
}

export interface ScrapedGaugeOptions {
  name: string;
  help: string;
  labelNames: string[];
  /** Reads every series' current value; called when Prometheus scrapes. Required. */
  read: () => Promise<GaugeReading[]>;
}

/**
 * A gauge whose series are read at scrape time, never polled in between. Series that a reading
 * no longer returns disappear; a failed reading fails the scrape (Prometheus marks the target
 * down rather than showing stale figures).
 */
export function addScrapedGauge(registry: Registry, options: ScrapedGaugeOptions): void {
  new Gauge({
    name: options.name,
    help: options.help,
    labelNames: options.labelNames,
    registers: [registry],
    async collect() {
      const readings = await options.read();
      this.reset();
      for (const { labels, value } of readings) this.set(labels, value);
    },
  });
}
