import type http from 'node:http';
import type { GraphQLError, GraphQLFormattedError, ParseOptions, ValidationRule } from 'graphql';
import type { GraphQLDataSource, ServiceMap } from '@apollo/gateway';
import type { Logger } from '@flowgraph/kernel';
import type { GatewayMetrics } from '../../metrics';
import type { AccessChanges } from '../access-changes';
import type { CredentialVerifiers } from './connection-credentials';
import { federatedSubscriber, type FederatedSubscribe, type FederatedSubscriberOptions } from './federated-subscriber';
import { SubscriptionLimits } from './subscription-limits';
import { SubscriptionPlanner } from './subscription-planner';
import { UpstreamHub } from './upstream-hub';
import { attachWebSocketTransport } from './ws-transport';

export { CloseCodes } from './ws-transport';
export type { FederatedSubscribe, SubscriberScope } from './federated-subscriber';
export { UpstreamHub } from './upstream-hub';
export { trustedSubscriptionOperations } from './trusted-operations';

export interface SubscriptionsOptions {
  /** The gateway's HTTP server; the WebSocket endpoint shares its port. Required. */
  httpServer: http.Server;
  /** The supergraph SDL the gateway serves (same file, same plans). Required. */
  supergraphSdl: string;
  /** Subgraph name → `/graphql` URL (the WebSocket URL is the same with ws://). Required. */
  urls: Record<string, string>;
  /** The gateway's `buildService` (signed identity): data sources for fields other subgraphs own. Required. */
  buildService: (definition: { name: string; url?: string }) => GraphQLDataSource;
  /** Signs the identity sent upstream in `connectionParams` (`IDENTITY_SECRET`). Required. */
  identitySecret: string;
  /** The gateway's credential checks (JWT, API key). Required. */
  verifiers: CredentialVerifiers;
  /** Core's access-change announcements: a connection is checked again as soon as its user's access changes. Required. */
  accessChanges: Pick<AccessChanges, 'watch'>;
  /** The gateway's error formatter (catalog codes pass, the rest is masked). Required. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  logger: Logger;
  /** `activeSubscriptions` (labels `ws`, `sse`) is kept here. Optional. */
  metrics?: Pick<GatewayMetrics, 'activeSubscriptions'>;
  /** WebSocket path. Default: `/graphql`. */
  path?: string;
  /** Server ping interval; a socket that has not answered the previous ping by the next is terminated. Default: 15 000 ms. */
  heartbeatMs?: number;
  /** Subscriptions open at once on one connection. Default: 20. */
  maxPerConnection?: number;
  /** Subscriptions open at once per user (or API key) on this replica, WebSocket and SSE together. Default: 100. */
  maxPerUser?: number;
  /** WebSocket connections open at once on this replica; more are closed with 4429. Default: 0 (no limit). */
  maxConnections?: number;
  /** Unsent bytes a client may hold on the gateway before it is dropped (1013 / SSE response ended). Default: 1 MiB. */
  maxBufferedBytes?: number;
  /** Events a subscription may have waiting to be sent before its client is dropped. Default: 100. */
  maxQueuedEvents?: number;
  /** How often open WebSocket connections' credentials are checked again (expired token, logout, revoked key → 4403). Default: 60 000 ms; 0: never. */
  reauthenticateMs?: number;
  /** Plans cached by document and operation name. Default: 500. */
  maxCachedPlans?: number;
  /** Reconnect attempts when a subgraph's socket drops. Default: 5. */
  upstreamRetryAttempts?: number;
  /** Extra validation rules (the gateway's operation limits). Default: none. */
  validationRules?: readonly ValidationRule[];
  /** Parse options (the gateway's token limit). Default: none. */
  parseOptions?: ParseOptions;
  /** Settles or refuses the operation before planning (trusted documents). Default: as sent. */
  resolveOperation?: FederatedSubscriberOptions['resolveOperation'];
}

export interface GatewaySubscriptions {
  /** The subscribe function (for the SSE transport). */
  subscribe: FederatedSubscribe;
  planner: SubscriptionPlanner;
  /** The upstream subscriptions (shared by identical subscriptions of one caller). */
  upstream: UpstreamHub;
  /** Formats errors like the HTTP path, stamping the request id. */
  formatErrors(errors: readonly GraphQLError[], requestId: string): GraphQLFormattedError[];
  /** Limits shared with SSE. */
  maxBufferedBytes: number;
  dispose(): Promise<void>;
}

/**
 * Subscriptions through the gateway (which `@apollo/gateway` cannot execute): graphql-ws on the
 * gateway's `/graphql`, each subscription forwarded to the subgraph owning its root field and
 * every event completed with the other subgraphs' fields through the supergraph's query plan.
 */
export function subscriptions(options: SubscriptionsOptions): GatewaySubscriptions {
  const planner = new SubscriptionPlanner(options.supergraphSdl, {
    maxCachedPlans: options.maxCachedPlans,
    validationRules: options.validationRules,
    parseOptions: options.parseOptions,
  });
  const services: ServiceMap = Object.fromEntries(
    Object.entries(options.urls).map(([name, url]) => [name, options.buildService({ name, url })]),
  );
  const maxBufferedBytes = options.maxBufferedBytes ?? 1024 * 1024;
  const upstream = new UpstreamHub({
    urls: options.urls,
    identitySecret: options.identitySecret,
    retryAttempts: options.upstreamRetryAttempts,
  });
  const subscribe = federatedSubscriber({
    planner,
    services,
    upstream,
    limits: new SubscriptionLimits({ perConnection: options.maxPerConnection, perUser: options.maxPerUser }),
    formatError: options.formatError,
    logger: options.logger,
    maxQueuedEvents: options.maxQueuedEvents,
    resolveOperation: options.resolveOperation,
    onActiveChange: (transport, delta) => options.metrics?.activeSubscriptions.inc({ transport }, delta),
  });
  const formatErrors = (errors: readonly GraphQLError[], requestId: string) =>
    errors.map((error) => {
      (error.extensions as Record<string, unknown>).request_id ??= requestId;
      return options.formatError(error.toJSON(), error);
    });
  const ws = attachWebSocketTransport({
    httpServer: options.httpServer,
    path: options.path ?? '/graphql',
    subscribe,
    planner,
    verifiers: options.verifiers,
    logger: options.logger,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    maxBufferedBytes,
    maxConnections: options.maxConnections ?? 0,
    reauthenticateMs: options.reauthenticateMs ?? 60_000,
    accessChanges: options.accessChanges,
    formatErrors,
  });
  return {
    subscribe,
    planner,
    upstream,
    formatErrors,
    maxBufferedBytes,
    async dispose() {
      await ws.dispose();
      await upstream.dispose();
    },
  };
}
