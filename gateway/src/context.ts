import type { Identity, Logger } from '@flowgraph/kernel';

/** What the gateway's Apollo Server and its data sources see for one request. */
export interface GatewayContext extends Record<string, unknown> {
  requestId: string;
  /** Established once by the authentication plugin; forwarded to subgraphs signed. */
  identity: Identity;
  /** The caller's W3C `traceparent`, passed through to subgraphs unchanged. */
  traceparent?: string;
  logger: Logger;
}
