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

export function createReportingContext(base: RequestContext, deps: ReportingModuleDeps): ReportService {
  return new ReportService(base.em, deps.replica, deps.aggregates);
}

export type ReportingContext = ReturnType<typeof createReportingContext>;
