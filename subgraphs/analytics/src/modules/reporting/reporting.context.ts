import type { MikroORM } from '@mikro-orm/postgresql';
import type { RequestContext } from '@flowgraph/kernel';
import type { OrganizationAggregates } from './organization-aggregates';
import { ReportService } from './report.service';

/** The reporting module's process-wide pieces. */
export interface ReportingModuleDeps {
  /** An ORM on the read replica (DATABASE_REPLICA_URL); absent, reports read the primary. */
  replica?: MikroORM;
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
