import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { inScopedTransaction, requireRole, type Identity } from '@flowgraph/kernel';
import type { OrganizationReport } from '../../generated/graphql';
import { checkReportRange } from './report-range';
import { ReportRepository } from './report.repository';

/** The API-key scope reports need (Core's allow-list has it). */
export const REPORTS_READ_SCOPE = 'reports:read';

/**
 * The organization's product dashboards (architecture-target.md §8.2) from the daily aggregates.
 * With a read replica, the reads run there in their own short read-only transaction, so reports
 * never load the primary; without one, in the request's transaction.
 */
export class ReportService {
  constructor(
    /** The request's transaction on the primary (scoped to the caller's organization). */
    private readonly em: EntityManager,
    private readonly replica?: MikroORM,
  ) {}

  async organizationReport(identity: Identity, from: string, to: string): Promise<OrganizationReport> {
    const caller = requireRole(identity, 'admin', REPORTS_READ_SCOPE);
    const range = checkReportRange(from, to);
    const read = async (em: EntityManager): Promise<OrganizationReport> => {
      const reports = new ReportRepository(em);
      return {
        ...range,
        eventsPerToolPerDay: await reports.toolEvents(caller.orgId, range),
        activity: await reports.activity(caller.orgId, range),
        suggestions: await reports.suggestions(caller.orgId, range),
        activationFunnel: await reports.activationFunnel(caller.orgId, range),
      };
    };
    if (!this.replica) return read(this.em);
    return inScopedTransaction(this.replica.em as EntityManager, { orgId: caller.orgId, userId: caller.userId }, read, { readOnly: true });
  }
}
