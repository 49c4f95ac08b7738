import WebSocket from 'ws';
import { createClient, type Client, type ClientOptions, type FormattedExecutionResult, type Sink, type SubscribePayload } from 'graphql-ws';
import { signIdentity, type Identity } from '@flowgraph/kernel';

export interface UpstreamHubOptions {
  /** Subgraph name → its HTTP `/graphql` URL; the WebSocket URL is the same with ws(s)://. Required. */
  urls: Record<string, string>;
  /** Signs the identity sent as `connectionParams` (`IDENTITY_SECRET`). Required. */
  identitySecret: string;
  /** Reconnect attempts when a subgraph's socket drops (events in between are lost). Default: 5. */
  retryAttempts?: number;
  /** Injected for tests. Default: graphql-ws `createClient`. */
  createClient?: (options: ClientOptions) => Client;
}

type UpstreamSink = Sink<FormattedExecutionResult<Record<string, unknown>, unknown>>;

interface Topic {
  key: string;
  clientKey: string;
  sinks: Set<UpstreamSink>;
  stop: () => void;
  ended: boolean;
}

/** What the subgraphs authorize on; request ids, IP and user agent do not change what a caller may see. */
export function identityFingerprint(identity: Identity): string {
  const clientName = (identity as Identity & { clientName?: string }).clientName;
  return JSON.stringify([
    identity.authMethod,
    identity.orgId,
    identity.userId,
    identity.role,
    [...identity.scopes].sort(),
    identity.sessionId,
    identity.apiKeyId,
    clientName,
  ]);
}

/**
 * The gateway's upstream subscriptions. Identical subscriptions of the same caller (same
 * authorization-relevant identity, subgraph, operation and variables: e.g. several tabs) share
 * one upstream subscription whose events fan out to each subscriber; one caller's subscriptions
 * to one subgraph share one lazy graphql-ws socket. Both are reference-counted: the upstream
 * subscription completes when its last subscriber leaves, and the socket closes when its last
 * subscription completes (`lazyCloseTimeout: 0`).
 */
export class UpstreamHub {
  private readonly clients = new Map<string, { client: Client; topics: number }>();
  private readonly topics = new Map<string, Topic>();

  constructor(private readonly options: UpstreamHubOptions) {}

  /** Upstream subscriptions open now (after sharing). */
  get size(): number {
    return this.topics.size;
  }

  /** Starts (or joins) `payload` on `subgraph` for `identity`; the returned function leaves it (idempotent). */
  subscribe(identity: Identity, subgraph: string, payload: SubscribePayload, sink: UpstreamSink): () => void {
    const fingerprint = identityFingerprint(identity);
    const key = JSON.stringify([fingerprint, subgraph, payload.operationName ?? null, payload.query, payload.variables ?? {}]);
    const topic = this.topics.get(key) ?? this.open(key, `${fingerprint}\u0000${subgraph}`, identity, subgraph, payload);
    topic.sinks.add(sink);
    let joined = true;
    return () => {
      if (!joined) return;
      joined = false;
      topic.sinks.delete(sink);
      if (topic.sinks.size === 0 && !topic.ended) {
        topic.stop();
        this.end(topic);
      }
    };
  }

  async dispose(): Promise<void> {
    for (const topic of [...this.topics.values()]) {
      topic.stop();
      this.end(topic);
    }
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.map(({ client }) => client.dispose()));
  }

  private open(key: string, clientKey: string, identity: Identity, subgraph: string, payload: SubscribePayload): Topic {
    const entry = this.clients.get(clientKey) ?? { client: this.client(identity, subgraph), topics: 0 };
    this.clients.set(clientKey, entry);
    entry.topics += 1;
    const topic: Topic = { key, clientKey, sinks: new Set(), stop: () => undefined, ended: false };
    this.topics.set(key, topic);
    topic.stop = entry.client.subscribe(payload, {
      next: (value) => {
        for (const sink of [...topic.sinks]) sink.next(value);
      },
      error: (error) => {
        this.end(topic);
        for (const sink of [...topic.sinks]) sink.error(error);
      },
      complete: () => {
        this.end(topic);
        for (const sink of [...topic.sinks]) sink.complete();
      },
    });
    return topic;
  }

  private end(topic: Topic): void {
    if (topic.ended) return;
    topic.ended = true;
    this.topics.delete(topic.key);
    const entry = this.clients.get(topic.clientKey);
    if (!entry) return;
    entry.topics -= 1;
    if (entry.topics === 0) {
      this.clients.delete(topic.clientKey);
      void entry.client.dispose();
    }
  }

  private client(identity: Identity, subgraph: string): Client {
    const url = this.options.urls[subgraph];
    if (!url) throw new Error(`No URL configured for subgraph "${subgraph}"`);
    return (this.options.createClient ?? createClient)({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: true,
      lazyCloseTimeout: 0,
      retryAttempts: this.options.retryAttempts ?? 5,
      // Re-signed at each (re)connect, so the timestamp is fresh; bound to the upgrade (GET of the URL's path, no body).
      connectionParams: () => signIdentity(identity, this.options.identitySecret, { method: 'GET', target: url }),
    });
  }
}
