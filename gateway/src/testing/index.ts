/** What the e2e tests and the benches use of the gateway beyond its main entry: its plugins' parts, tested against real subgraphs. */
export type { GatewayContext } from '../context';
export { createGatewayMetrics, type GatewayMetrics } from '../metrics';
export { jwtAuthenticator } from '../plugins/jwt-auth';
export { queryPlanCache } from '../plugins/query-plan-cache';
export { fieldLimitsFromSupergraph, limitedFieldsOf } from '../plugins/rate-limit/field-limits';
export { windowStore } from '../plugins/rate-limit/redis-windows';
export { RedisResponseStore } from '../plugins/response-cache/redis-store';
export { SignedIdentityDataSource } from '../plugins/signed-identity';
export { httpFetcher } from '../plugins/signed-identity/http-fetcher';
export { operationTelemetry } from '../plugins/telemetry';
export { loadManifestStore } from '../plugins/trusted-documents';
export { repositoryRoot } from '../root';
