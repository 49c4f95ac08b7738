import type { RequestContext } from '@flowgraph/kernel';
import type { OrganizationAggregates } from './organization-aggregates';
import type { ReadReplica } from './read-replica';
import { ReportService } from './report.service';

/** The reporting module's process-wide pieces. */
export interface ReportingModuleDeps {
  /** The read replica (DATABASE_REPLICA_URL, `startReadReplica`); absent, reports read the primary. */
  replica?: ReadReplica;
  /** Computes an organization's aggregates (refreshOrganizationReport); absent, a refresh fails. */
  aggregates?: OrganizationAggregates;
}

/** The reporting module's share of the request context. */
export interface ReportingContext {
  reporting: ReportService;
}

export function createReportingContext(base: RequestContext, deps: ReportingModuleDeps): ReportingContext {
  return { reporting: new ReportService(base.em, deps.replica, deps.aggregates) };
}
