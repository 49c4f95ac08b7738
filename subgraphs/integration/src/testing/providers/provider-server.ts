import type { AddressInfo } from 'node:net';
import express, { type Express, type Request } from 'express';

/** One request a local provider server received, as the test asserts on it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body (uploads are bytes; JSON is parsed by the test when it needs it). */
  body: Buffer;
  /** When it arrived (ms since the epoch). */
  at: number;
}

export interface ProviderServer {
  /** http://127.0.0.1:<port>: set it as the connector's endpoint. */
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/** The body of a received request as JSON. */
export const jsonOf = (request: ReceivedRequest): Record<string, unknown> =>
  JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;

/**
 * Starts a local server speaking one provider's shapes (`routes` adds them). Every request is
 * recorded with its raw body before the routes see it; `req.body` is that Buffer.
 */
export async function startProviderServer(routes: (app: Express, received: ReceivedRequest[]) => void): Promise<ProviderServer> {
  const app = express();
  const received: ReceivedRequest[] = [];
  app.use(express.raw({ type: () => true, limit: '20mb' }));
  app.use((req: Request, _res, next) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    req.body = body;
    received.push({ method: req.method, path: req.path, query: { ...req.query }, headers: { ...req.headers }, body, at: Date.now() });
    next();
  });
  routes(app, received);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
