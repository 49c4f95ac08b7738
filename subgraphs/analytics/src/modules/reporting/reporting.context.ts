import type { RequestContext } from '@flowgraph/kernel';

// Placeholder until the reporting module lands (issue 4): replaced by its real context.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReportingModuleDeps {}

export function createReportingContext(_base: RequestContext, _deps: ReportingModuleDeps) {
  return {};
}

export type ReportingContext = ReturnType<typeof createReportingContext>;
