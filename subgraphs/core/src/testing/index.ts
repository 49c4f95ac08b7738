/** Core for other packages' tests (e2e/, bench/): its harness, and the internals the cross-subgraph flows drive directly. */
export * from './core-harness';
export { startWorkers } from '../workers';
export { bullPrefix } from '../jobs/queues';
export { AUDIT_LOG_GROUP, createAuditStreamConsumer } from '../modules/audit/audit-stream.consumer';
export { EventRelay } from '../modules/events/event-relay';
export { subjectClients, type SubjectClients, type SubjectSubgraphClient } from '../modules/data-subject/subject-clients';
export { QUEUES } from '../jobs/queues';
