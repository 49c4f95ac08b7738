import type { MikroORM } from '@mikro-orm/postgresql';
import type { RequestContext } from '@flowgraph/kernel';
import { ReportService } from './report.service';

/** The reporting module's process-wide pieces. */
export interface ReportingModuleDeps {
  /** An ORM on the read replica (DATABASE_REPLICA_URL); absent, reports read the primary. */
  replica?: MikroORM;
}

export function createReportingContext(base: RequestContext, deps: ReportingModuleDeps): ReportService {
  return new ReportService(base.em, deps.replica);
}

export type ReportingContext = ReturnType<typeof createReportingContext>;
