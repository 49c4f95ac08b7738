import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  path: string;
  idempotencyKey: string | undefined;
}

/**
 * A local HTTP server standing in for the outside world of an http_request step: it records
 * every request's Idempotency-Key, and each path's behaviour is set by the test.
 */
export async function startTestHttpServer(handler: (req: http.IncomingMessage, res: http.ServerResponse, seen: SeenRequest[]) => void) {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? '', idempotencyKey: req.headers['idempotency-key'] as string | undefined });
    handler(req, res, seen);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
