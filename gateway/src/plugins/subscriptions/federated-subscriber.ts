import { GraphQLError, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { FormattedExecutionResult } from 'graphql-ws';
import { ErrorCode, type Identity, type Logger } from '@flowgraph/kernel';
import { EventQueue } from './event-queue';
import { EVENT_SERVICE, type PlannedSubscription, type SubscriptionPlanner } from './subscription-planner';
import type { SubscriptionLimits } from './subscription-limits';
import type { UpstreamHub } from './upstream-hub';

type GatewayRequestContext = Parameters<typeof executeQueryPlan>[2];
type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

export interface SubscriptionRequest {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** What a transport (WebSocket connection, SSE response) provides for one subscription. */
export interface SubscriberScope {
  transport: 'ws' | 'sse';
  /** The caller, with a request id of this subscription's own. */
  identity: Identity;
  traceparent?: string;
  /** Counts this connection's open subscriptions (WebSocket); absent for one-subscription transports. */
  connection?: { open: number };
  /** Whether the transport holds more unsent bytes than it may. */
  isCongested(): boolean;
  /** Drops the slow client (its subscriptions are ended by the transport). */
  drop(): void;
}

export interface FederatedSubscriberOptions {
  planner: SubscriptionPlanner;
  /** The gateway's data sources by subgraph name (signed identity), for fields other subgraphs own. */
  services: ServiceMap;
  /** Where upstream subscriptions are opened (and shared). */
  upstream: UpstreamHub;
  limits: SubscriptionLimits;
  /** The gateway's error formatter (masking, catalog codes). */
  formatError: FormatError;
  logger: Logger;
  /** Events held for a subscriber that has not taken them yet; one more drops the client. Default: 100. */
  maxQueuedEvents?: number;
  /**
   * Settles the operation to run before planning (trusted documents: an id becomes its body, a
   * client-bound API key runs only its manifest), or refuses it. Default: the request as sent.
   */
  resolveOperation?: (params: SubscriptionRequest & Record<string, unknown>, identity: Identity) => SubscriptionRequest | GraphQLError;
  /** Called when a subscription opens (+1) or ends (-1). */
  onActiveChange?: (transport: 'ws' | 'sse', delta: 1 | -1) => void;
}

/** The events of one subscription, and the document it runs (as the transports need it). */
interface ResolvedEvent {
  data?: Record<string, unknown> | null;
  errors?: GraphQLError[];
}

export type EventStream = AsyncIterableIterator<FormattedExecutionResult> & { readonly document: DocumentNode };
export type FederatedSubscribe = (request: SubscriptionRequest, scope: SubscriberScope) => EventStream | GraphQLError[];

const internal = () => new GraphQLError('Subscription source failed', { extensions: { code: ErrorCode.INTERNAL } });

/**
 * The subscribe function both transports use: plans the operation, checks the limits, opens the
 * upstream subscription on the subgraph that owns the root field and, for each event, resolves
 * the rest of the selection through the gateway's query-plan executor. Ending the returned stream
 * (`return()`) completes the upstream subscription at once.
 */
export function federatedSubscriber(options: FederatedSubscriberOptions): FederatedSubscribe {
  const maxQueued = options.maxQueuedEvents ?? 100;
  const format = (error: GraphQLError | GraphQLFormattedError, requestId: string): GraphQLFormattedError => {
    const extensions = { ...(error.extensions ?? {}), request_id: (error.extensions?.request_id as string | undefined) ?? requestId };
    const formatted = error instanceof GraphQLError ? { ...error.toJSON(), extensions } : { ...error, extensions };
    return options.formatError(formatted, error instanceof GraphQLError ? error : new GraphQLError(error.message, { extensions }));
  };

  // Per event payload (shared by the subscribers of one upstream subscription): resolutions by document and variables.
  const resolutions = new WeakMap<object, Map<string, Promise<ResolvedEvent>>>();

  return (sent, scope) => {
    const requestId = scope.identity.requestId;
    const stamp = (errors: GraphQLError[]) => {
      for (const error of errors) (error.extensions as Record<string, unknown>).request_id ??= requestId;
      return errors;
    };
    const request = options.resolveOperation
      ? options.resolveOperation(sent as SubscriptionRequest & Record<string, unknown>, scope.identity)
      : sent;
    if (request instanceof GraphQLError) return stamp([request]);
    const planned = options.planner.plan(request.query, request.operationName ?? undefined);
    if (Array.isArray(planned)) return stamp(planned);
    const refused = options.limits.acquire(scope);
    if (refused) return stamp([refused]);

    const variables = request.variables ?? {};
    const logger = options.logger.child({ request_id: requestId, trace_id: scope.identity.traceId, transport: scope.transport });
    options.onActiveChange?.(scope.transport, 1);
    // Set once the upstream subscription starts; the queue's end calls it.
    const upstream: { stop?: () => void } = {};
    const events = new EventQueue<FormattedExecutionResult | { failure: GraphQLFormattedError[] }>(() => {
      upstream.stop?.();
      options.limits.release(scope);
      options.onActiveChange?.(scope.transport, -1);
    });
    const upstreamVariables = Object.fromEntries(
      (planned.primary.variableUsages ?? []).filter((name) => name in variables).map((name) => [name, variables[name]]),
    );
    const sink: Parameters<UpstreamHub['subscribe']>[3] = {
      next: (payload) => {
        if (events.done) return;
        if (events.length >= maxQueued || scope.isCongested()) {
          logger.warn({ queued: events.length }, 'subscriber too slow: dropped');
          scope.drop();
          events.return();
          return;
        }
        events.push(payload as FormattedExecutionResult);
      },
      // An `error` message (the subgraph refused the subscription) is passed on; a lost socket is not the caller's fault.
      error: (error) => {
        if (Array.isArray(error)) return events.push({ failure: (error as GraphQLFormattedError[]).map((e) => format(e, requestId)) });
        logger.error({ err: error }, 'upstream subscription failed');
        events.push({ failure: [format(internal(), requestId)] });
      },
      complete: () => events.end(),
    };
    const primary = { query: planned.primary.operation, operationName: planned.primary.operationName, variables: upstreamVariables };
    try {
      upstream.stop = options.upstream.subscribe(scope.identity, planned.primary.serviceName, primary, sink);
    } catch (error) {
      // A misconfigured subgraph URL: release the slot, answer INTERNAL (masked, logged by the formatter).
      events.return();
      return stamp([
        new GraphQLError('Subscription source unavailable', { originalError: error as Error, extensions: { code: ErrorCode.INTERNAL } }),
      ]);
    }
    if (events.done) upstream.stop();

    const resolveEvent = (payload: FormattedExecutionResult) => shared(planned, payload, request, scope, logger);
    const stream: EventStream = {
      document: planned.document,
      async next() {
        const item = await events.next();
        if (item.done) return item;
        if ('failure' in item.value) {
          events.end();
          return { value: { errors: item.value.failure }, done: false };
        }
        const result = await resolveEvent(item.value);
        return { value: result, done: false };
      },
      return: async () => {
        await events.return();
        return { value: undefined, done: true };
      },
      throw: async (error) => {
        await events.return();
        throw error;
      },
      [Symbol.asyncIterator]: () => stream,
    };
    return stream;
  };

  /**
   * Subscribers sharing an upstream subscription (same caller's authorization, see UpstreamHub)
   * receive the same payload object: the same document and variables then resolve once per event.
   */
  function shared(
    planned: PlannedSubscription,
    payload: FormattedExecutionResult,
    request: SubscriptionRequest,
    scope: SubscriberScope,
    logger: Logger,
  ) {
    const key = JSON.stringify([request.query, request.operationName ?? null, request.variables ?? {}]);
    let byRequest = resolutions.get(payload);
    if (!byRequest) resolutions.set(payload, (byRequest = new Map()));
    let resolved = byRequest.get(key);
    if (!resolved) byRequest.set(key, (resolved = execute(planned, payload, request, scope, logger)));
    return resolved.then((result) => finish(result, scope.identity.requestId));
  }

  /** Formats per subscriber, so each error carries that subscriber's request id. */
  function finish(result: ResolvedEvent, requestId: string): FormattedExecutionResult {
    const errors = result.errors?.map((error) => format(error, requestId));
    return { data: result.data ?? null, ...(errors && errors.length > 0 ? { errors } : {}) } as FormattedExecutionResult;
  }

  /** Runs the per-event plan: the event as the first fetch's answer, then the other subgraphs' fetches. */
  async function execute(
    planned: PlannedSubscription,
    payload: FormattedExecutionResult,
    request: SubscriptionRequest,
    scope: SubscriberScope,
    logger: Logger,
  ): Promise<ResolvedEvent> {
    const requestId = scope.identity.requestId;
    // A copy: the executor merges the other subgraphs' fields into what the event fetch returns.
    const event: GraphQLDataSource = { process: async () => ({ data: structuredClone(payload.data), errors: payload.errors }) as never };
    const serviceMap: ServiceMap = { ...options.services, [EVENT_SERVICE]: event };
    const requestContext = {
      request: { query: request.query, operationName: request.operationName ?? undefined, variables: request.variables ?? {} },
      context: { requestId, identity: scope.identity, traceparent: scope.traceparent, logger },
      logger,
      metrics: {},
      operationName: request.operationName ?? null,
      document: planned.document,
      source: request.query,
    } as unknown as GatewayRequestContext;
    try {
      const result = await executeQueryPlan(
        planned.eventPlan,
        serviceMap,
        requestContext,
        planned.operationContext,
        options.planner.supergraphSchema,
        options.planner.api,
      );
      return { data: result.data, errors: result.errors as GraphQLError[] | undefined };
    } catch (error) {
      return { data: null, errors: [new GraphQLError((error as Error).message, { originalError: error as Error })] };
    }
  }
}
