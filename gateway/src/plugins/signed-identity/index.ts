import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ErrorCode, activeTraceId, encodeIdentity, signEncodedIdentity, unavailable, type Identity, type Logger } from '@flowgraph/kernel';
import type { GraphQLError } from 'graphql';
import { injectTraceContext, inSubgraphSpan, subgraphSpanTarget, type SubgraphSpanTarget } from '../telemetry/tracing';
import { httpFetcher } from './http-fetcher';

export interface SignedIdentityOptions {
  /** The subgraph's `/graphql` URL. Required. */
  url: string;
  /** Subgraph name, for logs. Required. */
  name: string;
  /** HMAC key subgraphs verify (`IDENTITY_SECRET`). Required. */
  identitySecret: string;
  logger: Logger;
  /**
   * How subgraph calls are sent. Default: `httpFetcher()` (undici keep-alive, 30 s timeout),
   * shared by all data sources; Apollo's default fetcher costs several times the CPU per call
   * (docs/decisions/0016-gateway-performance.md).
   */
  fetcher?: RemoteGraphQLDataSource['fetcher'];
}

const defaultFetcher = httpFetcher();

/** Errors of a connection cut before the answer was complete (undici's, and Node's socket codes). */
const CUT_CONNECTION = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);
const MUTATION = /^\s*mutation\b/;
/**
 * Carries the encoded identity from `willSendRequest` to the fetcher, which signs it: the
 * signature covers the body, which Apollo serializes after `willSendRequest`. Never leaves the gateway.
 */
const UNSIGNED_IDENTITY = 'x-flowgraph-unsigned-identity';

/** Each request's identity encoded once, however many subgraph calls it makes (the MAC is per call). */
const encodedIdentities = new WeakMap<Identity, string>();
function encodedIdentity(identity: Identity): string {
  let encoded = encodedIdentities.get(identity);
  if (encoded === undefined) encodedIdentities.set(identity, (encoded = encodeIdentity(identity)));
  return encoded;
}

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

interface ForwardingContext extends Record<string, unknown> {
  identity?: Identity;
  traceparent?: string;
}

/** `fetcher`, signing the identity `willSendRequest` left for it over the call's method, path and body. */
function signingFetcher(fetcher: Fetcher, identitySecret: string): Fetcher {
  return (url, init = {}) => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    const identity = headers[UNSIGNED_IDENTITY];
    if (identity !== undefined) {
      delete headers[UNSIGNED_IDENTITY];
      const call = { method: init.method ?? 'GET', target: url, body: init.body as string | undefined };
      Object.assign(headers, signEncodedIdentity(identity, identitySecret, call));
    }
    return fetcher(url, init);
  };
}

/**
 * A data source that forwards the caller's identity to a subgraph in signed headers (signed per
 * call over its method, path and body, so the stamp is fresh and good for that call only) and the
 * W3C trace context: each call is a client span of the request's trace (without telemetry, the
 * caller's `traceparent` passes through unchanged).
 */
export class SignedIdentityDataSource extends RemoteGraphQLDataSource<ForwardingContext> {
  private readonly spanTarget: SubgraphSpanTarget;

  constructor(private readonly options: SignedIdentityOptions) {
    super({ url: options.url, fetcher: signingFetcher(options.fetcher ?? defaultFetcher, options.identitySecret) });
    this.spanTarget = subgraphSpanTarget(options.name, options.url);
  }

  override process(options: GraphQLDataSourceProcessOptions<ForwardingContext>): ReturnType<RemoteGraphQLDataSource['process']> {
    return inSubgraphSpan(this.spanTarget, options.request.operationName ?? undefined, async () => {
      try {
        return await super.process(options);
      } catch (error) {
        // A kept-alive connection the subgraph closed just as the call went out: a query has no
        // side effects, so it is sent once more; a mutation may have run, so its error stands.
        if (!CUT_CONNECTION.has((error as { code?: string }).code ?? '') || MUTATION.test(options.request.query ?? '')) throw error;
        return super.process(options);
      }
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<ForwardingContext>): void {
    // No identity means the call did not come from a request (e.g. a health check): send none, so the subgraph refuses it.
    if (!context.identity) return;
    const headers = request.http!.headers;
    headers.set(UNSIGNED_IDENTITY, encodedIdentity(context.identity));
    // With telemetry on, the call's client span; without it, the caller's traceparent unchanged.
    if (activeTraceId()) injectTraceContext(headers);
    else if (context.traceparent) headers.set('traceparent', context.traceparent);
  }

  /**
   * A non-2xx answer from a subgraph is the platform's fault (a refused signature means a
   * misconfigured secret), never the caller's: log it and let the error be masked as INTERNAL,
   * instead of the default error that carries the subgraph's URL, status and body. A subgraph
   * out for now (502/503/504 from in front of it, or its own UNAVAILABLE: its Postgres is down)
   * is UNAVAILABLE.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    if (isUnavailableAnswer(response.status, error.extensions.response)) {
      this.options.logger.warn({ subgraph: this.options.name, status: response.status }, 'subgraph unavailable');
      return unavailable();
    }
    this.options.logger.error(
      { subgraph: this.options.name, status: response.status, body: error.extensions.response },
      'subgraph answered with an HTTP error',
    );
    error.extensions.code = 'SUBGRAPH_HTTP_ERROR';
    delete error.extensions.response;
    return error;
  }
}

function isUnavailableAnswer(status: number, response: unknown): boolean {
  if (status === 502 || status === 503 || status === 504) return true;
  const errors = (response as { body?: { errors?: { extensions?: { code?: unknown } }[] } } | undefined)?.body?.errors;
  return !!errors?.length && errors.every((e) => e.extensions?.code === ErrorCode.UNAVAILABLE);
}

/** The gateway's `buildService`: subgraph names map to configured URLs, not the supergraph's. */
export function signedIdentityServices(options: Omit<SignedIdentityOptions, 'url' | 'name'> & { urls: Record<string, string> }) {
  return ({ name }: { name: string; url?: string }): SignedIdentityDataSource => {
    const url = options.urls[name];
    if (!url) throw new Error(`No URL configured for subgraph "${name}"`);
    return new SignedIdentityDataSource({ url, name, identitySecret: options.identitySecret, logger: options.logger });
  };
}
