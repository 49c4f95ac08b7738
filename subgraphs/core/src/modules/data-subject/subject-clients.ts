import { randomUUID } from 'node:crypto';
import {
  DATA_SUBJECT_ERASE_PATH,
  DATA_SUBJECT_EXPORT_PATH,
  dataSubjectErasure,
  dataSubjectExport,
  type DataSubjectEraseRequest,
  type DataSubjectErasure,
  type DataSubjectExport,
  type DataSubjectExportRequest,
} from '@flowgraph/contracts';
import { internalClient, type InternalClient } from '@flowgraph/kernel';

/** The subgraphs besides Core that hold data about people, in the order their steps run. */
export const SUBJECT_SUBGRAPHS = ['workflow', 'integration', 'analytics'] as const;
export type SubjectSubgraph = (typeof SUBJECT_SUBGRAPHS)[number];

/** What a data-subject job asks of another subgraph (tests may stand in). */
export interface SubjectSubgraphClient {
  export(request: DataSubjectExportRequest): Promise<DataSubjectExport>;
  erase(request: DataSubjectEraseRequest): Promise<DataSubjectErasure>;
}

/** One subgraph's data-subject routes (packages/contracts data-subject), called as a signed `service`. */
export function subjectSubgraphClient(options: { name: string; origin: string; identitySecret: string }): SubjectSubgraphClient {
  // An archive or an erasure of years of rows is a few large statements: more than the default 10 s.
  const client: InternalClient = internalClient({ ...options, timeoutMs: 120_000 });
  const identity = () => ({ requestId: randomUUID(), scopes: [], authMethod: 'service' as const });
  return {
    export: (body) =>
      client.call({ method: 'POST', path: DATA_SUBJECT_EXPORT_PATH, body, identity: identity(), response: dataSubjectExport }),
    erase: (body) =>
      client.call({ method: 'POST', path: DATA_SUBJECT_ERASE_PATH, body, identity: identity(), response: dataSubjectErasure }),
  };
}

export type SubjectClients = Record<SubjectSubgraph, SubjectSubgraphClient>;

export function subjectClients(origins: Record<SubjectSubgraph, string>, identitySecret: string): SubjectClients {
  return {
    workflow: subjectSubgraphClient({ name: 'Workflow', origin: origins.workflow, identitySecret }),
    integration: subjectSubgraphClient({ name: 'Integration', origin: origins.integration, identitySecret }),
    analytics: subjectSubgraphClient({ name: 'Analytics', origin: origins.analytics, identitySecret }),
  };
}
