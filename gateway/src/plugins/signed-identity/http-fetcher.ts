import type { IncomingHttpHeaders } from 'node:http';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, errors, request } from 'undici';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

export interface HttpFetcherOptions {
  /**
   * A subgraph call whose answer has not started (headers), or stalls mid-body, for this many ms
   * fails (undici checks its timers about once a second). Default 30000; 0 waits forever (Apollo's
   * default fetcher does).
   */
  timeoutMs?: number;
  /**
   * An idle keep-alive connection is closed after this many ms, or 1 s before the server's
   * announced `Keep-Alive: timeout`, whichever is sooner, so it is not reused just as the server
   * closes it. Default 4000 (Node servers close idle sockets after 5 s).
   */
  idleSocketMs?: number;
}

/**
 * Subgraph calls over an undici keep-alive pool: the fetcher interface `RemoteGraphQLDataSource`
 * needs (POST a JSON body, read status, headers and the body) without make-fetch-happen's layers
 * (its HTTP cache, minipass streams, agent-base's stack inspection), which cost 3.5–4 times the
 * gateway's CPU per call, nor node:http's per-request objects (docs/decisions/0016). Bodies are
 * buffered: a subgraph answer is one JSON document. A call is sent once: whether a cut call may
 * be sent again depends on the operation, which the data source knows (`SignedIdentityDataSource`).
 */
export function httpFetcher(options: HttpFetcherOptions = {}): Fetcher {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const idleMs = options.idleSocketMs ?? 4000;
  const dispatcher = new Agent({ keepAliveTimeout: idleMs, keepAliveMaxTimeout: idleMs, keepAliveTimeoutThreshold: 1000 });
  return async (url, init = {}) => {
    try {
      const answer = await request(url, {
        dispatcher,
        method: (init.method ?? 'GET') as 'POST',
        headers: init.headers as Record<string, string>,
        body: init.body as string | undefined,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const body = Buffer.from(await answer.body.arrayBuffer());
      return toFetcherResponse(url, answer.statusCode, answer.headers, body);
    } catch (error) {
      if (error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError) {
        throw new Error(`Subgraph did not answer within ${timeoutMs} ms`, { cause: error });
      }
      throw error;
    }
  };
}

function toFetcherResponse(url: string, status: number, parsedHeaders: IncomingHttpHeaders, body: Buffer): FetcherResponse {
  const headers = new ResponseHeaders(parsedHeaders);
  let used = false;
  const text = async () => {
    used = true;
    return body.toString('utf8');
  };
  const self = {
    ok: status >= 200 && status < 300,
    status,
    statusText: '',
    url,
    redirected: false,
    headers,
    get bodyUsed() {
      return used;
    },
    text,
    json: async () => JSON.parse(await text()) as unknown,
    arrayBuffer: async () => {
      used = true;
      return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
    },
    clone: () => toFetcherResponse(url, status, parsedHeaders, body),
  };
  return self as unknown as FetcherResponse;
}

/**
 * The fetch `Headers` surface over the already-parsed (lower-cased) headers: building a WHATWG
 * `Headers` per answer cost a quarter of a call's CPU, and callers only read one or two.
 */
class ResponseHeaders {
  private readonly map = new Map<string, string>();

  constructor(parsed: IncomingHttpHeaders) {
    for (const [name, value] of Object.entries(parsed))
      if (value !== undefined) this.map.set(name, Array.isArray(value) ? value.join(', ') : value);
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value);
  }
  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const existing = this.map.get(key);
    this.map.set(key, existing === undefined ? value : `${existing}, ${value}`);
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  forEach(callback: (value: string, name: string, parent: ResponseHeaders) => void): void {
    for (const [name, value] of this.map) callback(value, name, this);
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}
