import { context, propagation } from '@opentelemetry/api';
import type { z } from 'zod';
import { signIdentity, type Identity } from '../identity';
import { causeOf, isUnavailable, isUnreachableStatus } from '../unavailable';

export interface InternalClientOptions {
  /** Whom the client calls, for messages: `Core`, `Workflow`. */
  name: string;
  /** The service's origin, e.g. http://127.0.0.1:4001; request paths are resolved against it. */
  origin: string;
  /** IDENTITY_SECRET: the called service checks the signature like the gateway's. */
  identitySecret: string;
  /** Longest wait for an answer. Default: 10,000 ms. */
  timeoutMs?: number;
  /**
   * Writes the active trace context (`traceparent`) into each call. Default: false, because a
   * process running the kernel's telemetry has fetch instrumented, which writes it already; the
   * gateway, which instruments no fetch, turns it on.
   */
  injectTraceContext?: boolean;
  /** Injected for tests. Default: the global `fetch`. */
  fetch?: typeof fetch;
}

export interface InternalCall<Output> {
  method: 'GET' | 'POST';
  /** Resolved against the origin (an absolute URL is used as it is). */
  path: string;
  query?: Record<string, string>;
  /** Sent as JSON (POST). */
  body?: unknown;
  /** Whom the call acts for; signed with the call's method, target and body. */
  identity: Identity;
  /** The contract's schema of a 2xx answer. */
  response: z.ZodType<Output>;
  /** The caller's own cancellation; its abort is passed on as it is, never as an outage. */
  signal?: AbortSignal;
  /** Statuses whose body is the answer rather than a failure. Default: 2xx (a GraphQL endpoint also answers its errors with a body at 4xx/5xx). */
  acceptStatus?: (status: number) => boolean;
}

/**
 * The call failed. `unreachable`: the service could not answer now (refused or cut connection,
 * timeout, 502/503/504), worth retrying as it is; otherwise `status` and `code` (from the error
 * envelope) say what it answered.
 */
export class InternalCallError extends Error {
  override readonly name = 'InternalCallError';
  constructor(
    message: string,
    readonly status: number | null,
    readonly unreachable: boolean,
    readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Another answer to the same call could differ: an outage, 408 or 429 (everything else 4xx is final). */
export const isFinalRefusal = (error: InternalCallError): boolean =>
  !error.unreachable && error.status !== null && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;

function envelopeCode(text: string): string | undefined {
  try {
    const code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** A signed caller of one service's internal routes (see `internalRoute`): signing, timeout, trace context, error mapping. */
export interface InternalClient {
  /** The validated answer; throws InternalCallError for failures (the caller's own abort passes through). */
  call<Output>(call: InternalCall<Output>): Promise<Output>;
}

export function internalClient(options: InternalClientOptions): InternalClient {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async call({ method, path, query, body, identity, response: schema, signal, acceptStatus }) {
      const url = new URL(path, options.origin);
      for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
      const sent = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string> = {
        ...(sent === undefined ? {} : { 'content-type': 'application/json' }),
        ...signIdentity(identity, options.identitySecret, { method, target: url, body: sent }),
      };
      if (options.injectTraceContext) propagation.inject(context.active(), headers);
      const timeout = AbortSignal.timeout(timeoutMs);
      const response = await doFetch(url, {
        method,
        headers,
        body: sent,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      }).catch((error: unknown) => {
        if (signal?.aborted || !isUnavailable(error)) throw error;
        throw new InternalCallError(`${options.name} unreachable (${causeOf(error)})`, null, true, undefined, { cause: error });
      });
      if (!(acceptStatus ? acceptStatus(response.status) : response.ok)) {
        const text = await response.text().catch(() => '');
        const message = `${options.name} answered ${response.status} to ${url.pathname}: ${text.slice(0, 300)}`;
        throw new InternalCallError(message, response.status, isUnreachableStatus(response.status), envelopeCode(text));
      }
      return schema.parse(await response.json());
    },
  };
}
