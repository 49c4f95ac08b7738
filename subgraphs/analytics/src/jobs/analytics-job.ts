/** A scheduled job the analytics worker runs on its BullMQ queue (one scheduler per name, upserted at start). */
export interface AnalyticsJobDefinition {
  name: string;
  schedule: { pattern: string; tz?: string };
  run(data: Record<string, unknown>): Promise<unknown>;
}
