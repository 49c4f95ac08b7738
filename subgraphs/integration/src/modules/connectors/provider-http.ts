import { fetch, type Dispatcher } from 'undici';
import { addressRefusalIn, causeOf, isUnavailable } from '@flowgraph/kernel';
import { ProviderError } from './provider-errors';

/** Providers answer in well under this; a hung connection must not hold a step for long. */
export const PROVIDER_TIMEOUT_MS = 30_000;
/** Larger answers are refused: no action here reads more (a file download is capped the same way). */
export const MAX_PROVIDER_RESPONSE_BYTES = 10 * 1024 * 1024;
/** The wait when a provider says "too many" without saying how long. */
const DEFAULT_RETRY_AFTER_MS = 5_000;

export interface ProviderRequest {
  /** A name from the connector's `endpoints`, or an absolute URL (generic HTTP). */
  endpoint: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  /** Appended to the endpoint's base URL. */
  path?: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as it is (uploads, form bodies). */
  body?: string | Uint8Array;
}

export interface ProviderResponse {
  status: number;
  headers: Headers;
  /** The body's bytes (at most MAX_PROVIDER_RESPONSE_BYTES). */
  bytes: Buffer;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface ProviderHttpOptions {
  /** For messages: `Slack`. */
  provider: string;
  /** Resolved base URLs by endpoint name. */
  endpoints: Record<string, string>;
  /** The provider's error text in an error body (`{ message }`, `{ error: { message } }`, …). */
  errorMessage?: (body: unknown) => string | undefined;
  /** Lets the generic HTTP connector route connections through the SSRF guard. */
  dispatcher?: Dispatcher;
  timeoutMs?: number;
}

/** Milliseconds to wait, from Retry-After (seconds or a date) or a reset time in epoch seconds (GitHub, GitLab). */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  const reset = headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset');
  if (reset && Number.isFinite(Number(reset))) return Math.max(0, Number(reset) * 1000 - now);
  return undefined;
}

/**
 * A 403 that is really a rate limit: GitHub's primary limit answers 403 with remaining 0, its
 * secondary limit 403 with Retry-After.
 */
const exhausted = (headers: Headers) =>
  headers.get('x-ratelimit-remaining') === '0' || headers.get('ratelimit-remaining') === '0' || headers.has('retry-after');

/** Sorts a non-2xx answer into the failure that decides what happens next (provider-errors.ts). */
export function classifyStatus(status: number, headers: Headers, message: string, body?: unknown): ProviderError {
  if (status === 429 || (status === 403 && exhausted(headers))) {
    return new ProviderError('rate_limited', message, status, retryAfterMs(headers) ?? DEFAULT_RETRY_AFTER_MS, body);
  }
  if (status === 401) return new ProviderError('unauthorized', message, status, undefined, body);
  if (status === 408 || status >= 500) return new ProviderError('unavailable', message, status, retryAfterMs(headers), body);
  return new ProviderError('rejected', message, status, undefined, body);
}

async function readCapped(body: AsyncIterable<Uint8Array> | null, provider: string): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > MAX_PROVIDER_RESPONSE_BYTES)
      throw new ProviderError('rejected', `${provider} answered more than ${MAX_PROVIDER_RESPONSE_BYTES} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

function parseJson(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A connector's HTTP client. It never logs or echoes request headers: they carry credentials. */
export class ProviderHttp {
  constructor(private readonly options: ProviderHttpOptions) {}

  /** The base URL of a named endpoint. */
  endpoint(name: string): string {
    const base = this.options.endpoints[name];
    if (!base) throw new Error(`${this.options.provider} has no endpoint named ${name}`);
    return base;
  }

  /** A 2xx answer, or a ProviderError saying how it failed. */
  async request(request: ProviderRequest, signal?: AbortSignal): Promise<ProviderResponse> {
    const { provider } = this.options;
    const url = this.urlOf(request);
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let body: string | Uint8Array | undefined = request.body;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? PROVIDER_TIMEOUT_MS);
    const response = await fetch(url, {
      method: request.method,
      headers,
      body,
      redirect: 'manual',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      dispatcher: this.options.dispatcher,
    }).catch((error: unknown) => {
      if (signal?.aborted) throw error;
      // The SSRF guard refused the address (generic HTTP): the call itself is refused, for good.
      const refusal = addressRefusalIn(error);
      if (refusal) throw new ProviderError('rejected', refusal.message);
      if (timeout.aborted)
        throw new ProviderError('unavailable', `${provider} did not answer within ${this.options.timeoutMs ?? PROVIDER_TIMEOUT_MS} ms`);
      if (isUnavailable(error)) throw new ProviderError('unavailable', `${provider} unreachable (${causeOf(error)})`);
      throw error;
    });
    const bytes = await readCapped(response.body, provider);
    const json = parseJson(bytes);
    if (response.status < 200 || response.status >= 300) {
      const detail = this.options.errorMessage?.(json) ?? bytes.toString('utf8').slice(0, 200);
      throw classifyStatus(
        response.status,
        response.headers as unknown as Headers,
        `${provider} answered ${response.status}: ${detail}`,
        json,
      );
    }
    return { status: response.status, headers: response.headers as unknown as Headers, bytes, json };
  }

  private urlOf(request: ProviderRequest): URL {
    const base = /^https?:\/\//.test(request.endpoint) ? request.endpoint : this.endpoint(request.endpoint);
    const url = new URL(base.replace(/\/$/, '') + (request.path ?? ''));
    for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    return url;
  }
}
