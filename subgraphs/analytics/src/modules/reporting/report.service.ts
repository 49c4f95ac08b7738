import type { EntityManager } from '@mikro-orm/postgresql';
import { inScopedTransaction, requireRole, type Identity } from '@flowgraph/kernel';
import type { OrganizationReport } from '../../generated/graphql';
import type { OrganizationAggregates } from './organization-aggregates';
import type { ReadReplica } from './read-replica';
import { checkReportRange, type ReportRange } from './report-range';
import { ReportRepository } from './report.repository';

/** The API-key scope reports need (Core's allow-list has it). */
export const REPORTS_READ_SCOPE = 'reports:read';

/** Days a refresh recomputes at least, as the nightly job: yesterday (finished) and today so far. */
const REFRESH_DAYS = 2;

/**
 * The organization's product dashboards (architecture-target.md §8.2) from the daily aggregates.
 * With a read replica, the reads run there in their own short read-only transaction, so reports
 * do not load the primary; in the request's transaction without one, or while the replica is
 * down or lags too far (ReadReplica decides).
 */
export class ReportService {
  constructor(
    /** The request's transaction on the primary (scoped to the caller's organization). */
    private readonly em: EntityManager,
    private readonly replica?: ReadReplica,
    /** Computes the aggregates on refresh; refreshOrganizationReport fails without it. */
    private readonly aggregates?: OrganizationAggregates,
  ) {}

  async organizationReport(identity: Identity, from: string, to: string): Promise<OrganizationReport> {
    const caller = requireRole(identity, 'admin', REPORTS_READ_SCOPE);
    const range = checkReportRange(from, to);
    const onPrimary = () => read(this.em, caller.orgId, range);
    if (!this.replica) return onPrimary();
    return this.replica.read(
      (root) =>
        inScopedTransaction(root, { orgId: caller.orgId, userId: caller.userId }, (em) => read(em, caller.orgId, range), {
          readOnly: true,
        }),
      onPrimary,
    );
  }

  /**
   * Recomputes the organization's aggregates now, as the nightly job would, and returns the
   * report read from the primary (a replica may not have the new rows yet). Only derived figures
   * change, so it needs no more than reading them.
   */
  async refreshOrganizationReport(identity: Identity, from: string, to: string): Promise<OrganizationReport> {
    const caller = requireRole(identity, 'admin', REPORTS_READ_SCOPE);
    const range = checkReportRange(from, to);
    if (!this.aggregates) throw new Error('refreshOrganizationReport needs the aggregates (ReportingModuleDeps.aggregates)');
    await this.aggregates.compute(caller.orgId, REFRESH_DAYS);
    return read(this.em, caller.orgId, range);
  }
}

async function read(em: EntityManager, orgId: string, range: ReportRange): Promise<OrganizationReport> {
  const reports = new ReportRepository(em);
  return {
    ...range,
    aggregatedThrough: await reports.aggregatedThrough(orgId),
    eventsPerToolPerDay: await reports.toolEvents(orgId, range),
    activity: await reports.activity(orgId, range),
    suggestions: await reports.suggestions(orgId, range),
    activationFunnel: await reports.activationFunnel(orgId, range),
  };
}
