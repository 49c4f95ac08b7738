import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@flowgraph/kernel';
import type { AnalyticsJobDefinition } from '../patterns/patterns.worker';
import { MAX_WINDOW_DAYS } from './aggregate-window';
import { OrganizationAggregates } from './organization-aggregates';
import { utcDay } from './utc-day';
import type { WorkflowActivitySource } from './workflow-activity.client';

export const DAILY_AGGREGATES_JOB = 'daily-aggregates';

/**
 * Data of one run: the scheduled run has none. A manual run may ask for more days (a backfill)
 * or for one organization.
 */
export const dailyAggregatesDataSchema = z.object({
  days: z.number().int().min(1).max(MAX_WINDOW_DAYS).optional(),
  orgId: z.uuid().optional(),
});
export type DailyAggregatesData = z.infer<typeof dailyAggregatesDataSchema>;

export interface DailyAggregatesJobDeps {
  orm: MikroORM;
  /** Workflow activity (WorkflowActivityClient on WORKFLOW_ORIGIN). */
  workflow: WorkflowActivitySource;
  logger: Logger;
  /**
   * ANALYTICS_EVENT_RETENTION_DAYS: how long Analytics keeps its copy of events. A day's MAU
   * needs the 30 days before it, so only the last `retention - 29` days are ever recomputed.
   */
  eventRetentionDays: number;
  /** Days recomputed by every run, today included. Default: 2 (yesterday, finished, and today so far). */
  days?: number;
  /** When it runs. Default: 00:30 UTC daily, once yesterday's last events have arrived. */
  schedule?: { pattern: string; tz?: string };
  /** The clock. Default: the system's. */
  now?: () => Date;
}

export interface DailyAggregatesResult {
  organizations: number;
  failed: number;
}

/**
 * The daily aggregates behind `organizationReport`, per organization in its own scoped
 * transaction: events per tool per day, DAU/MAU, suggestions, Workflow's activity and the
 * members' activation milestones. Idempotent upserts, so a re-run, a retry or an overlapping
 * manual backfill converge on the same rows. One organization failing (Workflow down) does not
 * stop the others; the run then fails at the end so BullMQ records it, and the next run starts
 * that organization's window at its last computed day, so no day is skipped.
 */
export function createDailyAggregatesJob(deps: DailyAggregatesJobDeps): AnalyticsJobDefinition {
  const root = deps.orm.em as EntityManager;
  const now = deps.now ?? (() => new Date());
  const aggregates = new OrganizationAggregates({ root, workflow: deps.workflow, eventRetentionDays: deps.eventRetentionDays, now });

  return {
    name: DAILY_AGGREGATES_JOB,
    schedule: deps.schedule ?? { pattern: '30 0 * * *', tz: 'UTC' },
    async run(data: Record<string, unknown>): Promise<DailyAggregatesResult> {
      const parsed = dailyAggregatesDataSchema.safeParse(data ?? {});
      if (!parsed.success) throw new UnrecoverableError(`Invalid ${DAILY_AGGREGATES_JOB} job data: ${parsed.error.message}`);
      const days = parsed.data.days ?? deps.days ?? 2;
      const today = utcDay(now());
      const orgIds = parsed.data.orgId ? [parsed.data.orgId] : await organizationIds(root);
      let failed = 0;
      for (const orgId of orgIds) {
        try {
          const window = await aggregates.compute(orgId, days);
          deps.logger.debug({ orgId, from: window.from, to: window.to }, 'daily aggregates computed');
        } catch (error) {
          failed += 1;
          deps.logger.error({ err: error, orgId }, 'daily aggregates failed for an organization');
        }
      }
      if (failed > 0) throw new Error(`Daily aggregates failed for ${failed} of ${orgIds.length} organizations (see the log)`);
      deps.logger.info({ organizations: orgIds.length, today, days }, 'daily aggregates done');
      return { organizations: orgIds.length, failed };
    },
  };
}

/** Every organization Analytics has seen; listing them crosses organizations, so only this function may. */
async function organizationIds(root: EntityManager): Promise<string[]> {
  const rows = await root.fork().execute<{ org_id: string }[]>('select org_id from analytics.organization_ids() as org_id');
  return rows.map((r) => r.org_id);
}
