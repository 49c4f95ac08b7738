import http from 'node:http';
import https from 'node:https';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

export interface HttpFetcherOptions {
  /**
   * A subgraph call with no complete answer after this many ms fails (the socket is destroyed).
   * Default 30000; 0 waits forever (Apollo's default fetcher does).
   */
  timeoutMs?: number;
  /** Idle keep-alive sockets kept per subgraph origin. Default 256. */
  maxFreeSockets?: number;
  /**
   * An idle socket is closed after this many ms, or 1 s before the server's announced
   * `Keep-Alive: timeout`, whichever is sooner, so it is not reused just as the server closes it.
   * Default 4000 (Node servers close idle sockets after 5 s).
   */
  idleSocketMs?: number;
}

/**
 * Subgraph calls over `node:http(s)` with a keep-alive agent: the fetcher interface
 * `RemoteGraphQLDataSource` needs (POST a JSON body, read status, headers and the body), without
 * make-fetch-happen's layers (its HTTP cache, minipass streams, agent-base's stack inspection),
 * which cost three to four times as much gateway CPU per call (docs/decisions/0016).
 * Bodies are buffered: a subgraph answer is one JSON document.
 */
export function httpFetcher(options: HttpFetcherOptions = {}): Fetcher {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const agentOptions = { keepAlive: true, maxSockets: Infinity, maxFreeSockets: options.maxFreeSockets ?? 256, scheduling: 'lifo' as const, timeout: options.idleSocketMs ?? 4000 };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };
  const send = (url: string, init: Parameters<Fetcher>[1] = {}, retried = false) =>
    new Promise<FetcherResponse>((resolve, reject) => {
      const target = new URL(url);
      const agent = agents[target.protocol as keyof typeof agents];
      if (!agent) return reject(new Error(`Unsupported subgraph URL protocol: ${target.protocol}`));
      const client = target.protocol === 'https:' ? https : http;
      let answered = false;
      // The retry takes a socket of its own (no pool): the pool's other idle sockets may be stale too.
      const request = client.request(target, { method: init.method ?? 'GET', headers: init.headers as http.OutgoingHttpHeaders, agent: retried ? false : agent }, (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => resolve(toFetcherResponse(url, response, Buffer.concat(chunks))));
      });
      // Replaces the agent's idle-socket timeout while the call is in flight.
      if (timeoutMs > 0) request.setTimeout(timeoutMs, () => request.destroy(new Error(`Subgraph did not answer within ${timeoutMs} ms`)));
      else request.setTimeout(0);
      request.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed while idle fails before the server read anything:
        // send once more on a new socket (Node's documented pattern for reused sockets).
        if (!retried && !answered && request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
          send(url, init, true).then(resolve, reject);
          return;
        }
        reject(error);
      });
      request.end(init.body);
    });
  return (url, init) => send(url, init);
}

function toFetcherResponse(url: string, response: http.IncomingMessage, body: Buffer): FetcherResponse {
  const status = response.statusCode ?? 0;
  const headers = new ResponseHeaders(response.headers);
  let used = false;
  const text = async () => {
    used = true;
    return body.toString('utf8');
  };
  const self = {
    ok: status >= 200 && status < 300,
    status,
    statusText: response.statusMessage ?? '',
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
    clone: () => toFetcherResponse(url, response, body),
  };
  return self as unknown as FetcherResponse;
}

/**
 * The fetch `Headers` surface over node's already-parsed (lower-cased) headers: building a WHATWG
 * `Headers` per answer cost a quarter of a call's CPU, and callers only read one or two.
 */
class ResponseHeaders {
  private readonly map = new Map<string, string>();

  constructor(parsed: http.IncomingHttpHeaders) {
    for (const [name, value] of Object.entries(parsed)) if (value !== undefined) this.map.set(name, Array.isArray(value) ? value.join(', ') : value);
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
