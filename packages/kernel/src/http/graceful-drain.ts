import http from 'node:http';
import net from 'node:net';
import type { ApolloServerPlugin } from '@apollo/server';
import { drainingSignal } from '../shutdown';

export interface GracefulDrainOptions {
  /** Past this, connections still open are destroyed. Default: 10 s (Apollo's drain plugin's). */
  graceMs?: number;
  /** How long a connection idle when the drain starts may still bring a request. Default: 1 s. */
  idleMs?: number;
}

/**
 * Stops an HTTP server without failing a request a client sent on a connection it was allowed to
 * reuse. Replaces `ApolloServerPluginDrainHttpServer`, which (like `http.Server.close()`) ends
 * idle keep-alive connections at once: a client writing its next request on one at that moment
 * sees ECONNRESET for a request the server never read.
 *
 * From the process's first stop signal (`drainingSignal`) or the drain, whichever is first, every
 * response says `Connection: close` (in progress or still to come on open connections), so
 * clients stop reusing connections. The drain then refuses new connections, lets each open one
 * end after its response, ends the ones that stay idle for `idleMs`, and destroys what is left
 * after `graceMs`.
 */
export function gracefulDrain(server: http.Server, options: GracefulDrainOptions = {}): ApolloServerPlugin & { drain(): Promise<void> } {
  const { graceMs = 10_000, idleMs = 1000 } = options;
  const inFlight = new Map<net.Socket, Set<http.ServerResponse>>();
  let closing = false;
  const closeAfterResponse = () => {
    closing = true;
    for (const responses of inFlight.values()) for (const res of responses) if (!res.headersSent) res.shouldKeepAlive = false;
  };
  server.on('connection', (socket: net.Socket) => {
    inFlight.set(socket, new Set());
    socket.once('close', () => inFlight.delete(socket));
  });
  // A WebSocket is no HTTP exchange: its own server closes it (graphql-ws: 1001).
  server.on('upgrade', (req: http.IncomingMessage) => inFlight.delete(req.socket));
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (closing) res.shouldKeepAlive = false;
    const responses = inFlight.get(req.socket);
    responses?.add(res);
    res.once('close', () => responses?.delete(res));
  });
  drainingSignal.addEventListener('abort', closeAfterResponse, { once: true });
  server.once('close', () => drainingSignal.removeEventListener('abort', closeAfterResponse));

  let drained: Promise<void> | undefined;
  const drain = () =>
    (drained ??= new Promise<void>((resolve) => {
      closeAfterResponse();
      const hardStop = setTimeout(() => server.closeAllConnections(), graceMs);
      // net.Server's close (stop listening, call back once every connection ended), not http.Server's, which also ends idle ones at once.
      net.Server.prototype.close.call(server, () => {
        clearTimeout(hardStop);
        resolve();
      });
      setTimeout(() => {
        for (const [socket, responses] of inFlight) if (responses.size === 0) socket.end();
      }, idleMs).unref();
    }));
  return {
    drain,
    async serverWillStart() {
      return { drainServer: drain };
    },
  };
}
