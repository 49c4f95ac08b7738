import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { ExecutionArgs, GraphQLError } from 'graphql';
import type { Identity, Logger } from '@flowgraph/kernel';
import type { AccessChanges } from '../access-changes';
import { AuthenticationError } from '../authentication/credentials';
import { connectionCredentials, traceOf, type CredentialVerifiers } from './connection-credentials';
import type { EventStream, FederatedSubscribe } from './federated-subscriber';
import type { SubscriptionPlanner } from './subscription-planner';

/** Close codes a client may see (besides graphql-ws's own 44xx protocol codes). */
export const CloseCodes = { forbidden: 4403, tooManyConnections: 4429, tryAgainLater: 1013 } as const;

export interface WebSocketTransportOptions {
  httpServer: http.Server;
  path: string;
  subscribe: FederatedSubscribe;
  planner: SubscriptionPlanner;
  verifiers: CredentialVerifiers;
  logger: Logger;
  heartbeatMs: number;
  maxBufferedBytes: number;
  maxConnections: number;
  /** How often open connections' credentials are checked again (expiry, logout, revoked key); 0: never. */
  reauthenticateMs: number;
  /** Core's announcements: a connection is checked again as soon as its user's access changes. */
  accessChanges: Pick<AccessChanges, 'watch'>;
  formatErrors: (errors: readonly GraphQLError[], requestId: string) => unknown[];
}

interface Connection {
  /** The connection_init payload, kept to check the credentials again. */
  params: Record<string, unknown> | undefined;
  identity: Identity;
  traceparent?: string;
  counter: { open: number };
  streams: Set<EventStream>;
  /** Stops watching the user's access changes. */
  unwatch: () => void;
}

/** The user agent and address as the HTTP path records them. */
function origin(request: http.IncomingMessage) {
  return { ip: request.socket.remoteAddress, userAgent: request.headers['user-agent'] };
}

/**
 * graphql-ws (`graphql-transport-ws`) on the gateway's HTTP server: authenticates in
 * `connection_init`, pings every `heartbeatMs` (a socket that misses the pong is terminated),
 * runs each subscription through the federated subscribe function, and drops a client whose
 * unsent data passes `maxBufferedBytes` with 1013, completing its upstream subscriptions.
 * Credentials are checked again every `reauthenticateMs` and whenever Core announces that the
 * user's access changed; invalid ones close the socket with 4403.
 */
export function attachWebSocketTransport(options: WebSocketTransportOptions) {
  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path });
  const connections = new Map<WebSocket, Connection>();
  // Registered before graphql-ws's own listener, so an extra connection is refused first.
  wsServer.on('connection', (socket) => {
    if (options.maxConnections > 0 && wsServer.clients.size > options.maxConnections)
      socket.close(CloseCodes.tooManyConnections, 'Too many connections');
  });

  const end = async (socket: WebSocket) => {
    const connection = connections.get(socket);
    if (!connection) return;
    connections.delete(socket);
    connection.unwatch();
    await Promise.all([...connection.streams].map((stream) => stream.return?.()));
  };

  const drop = (socket: WebSocket) => {
    if (socket.readyState === socket.OPEN) socket.close(CloseCodes.tryAgainLater, 'Client too slow');
    void end(socket);
  };

  // A token that expires, a session logged out, a role changed or a key revoked ends the connection (4403: clients reconnect with fresh credentials).
  const reauthenticate = async (socket: WebSocket, connection: Connection) => {
    try {
      await connectionCredentials(connection.params, options.verifiers, connection.identity.requestId);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) {
        options.logger.warn(
          { err: error, request_id: connection.identity.requestId },
          'subscription credentials could not be checked again',
        );
        return;
      }
      options.logger.info(
        { request_id: connection.identity.requestId, reason: error.message },
        'subscription connection closed: credentials no longer valid',
      );
      socket.close(CloseCodes.forbidden, 'Credentials no longer valid');
      await end(socket);
    }
  };
  let checking = false;
  const recheck = async () => {
    if (checking) return;
    checking = true;
    try {
      for (const [socket, connection] of [...connections]) await reauthenticate(socket, connection);
    } finally {
      checking = false;
    }
  };
  const rechecks = options.reauthenticateMs > 0 ? setInterval(() => void recheck(), options.reauthenticateMs) : undefined;
  rechecks?.unref();

  const server = useServer<Record<string, unknown> | undefined, { socket: WebSocket; request: http.IncomingMessage }>(
    {
      onConnect: async (ctx) => {
        const requestId = randomUUID();
        try {
          const credentials = await connectionCredentials(ctx.connectionParams, options.verifiers, requestId);
          const { traceparent, traceId } = traceOf(ctx.connectionParams);
          const identity: Identity = { ...credentials, requestId, traceId, ...origin(ctx.extra.request) };
          const socket = ctx.extra.socket;
          const connection: Connection = {
            params: ctx.connectionParams,
            identity,
            traceparent,
            counter: { open: 0 },
            streams: new Set(),
            unwatch: credentials.userId
              ? options.accessChanges.watch(credentials.userId, () => void reauthenticate(socket, connection))
              : () => undefined,
          };
          connections.set(socket, connection);
          return true;
        } catch (error) {
          if (!(error instanceof AuthenticationError)) throw error;
          options.logger.info(
            { request_id: requestId, reason: error.message, ip: ctx.extra.request.socket.remoteAddress },
            'subscription connection refused',
          );
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        const connection = connections.get(ctx.extra.socket);
        if (!connection) return;
        const socket = ctx.extra.socket;
        const identity = { ...connection.identity, requestId: randomUUID() };
        const stream = options.subscribe(payload, {
          transport: 'ws',
          identity,
          traceparent: connection.traceparent,
          connection: connection.counter,
          isCongested: () => socket.bufferedAmount > options.maxBufferedBytes,
          drop: () => drop(socket),
        });
        if (Array.isArray(stream)) return stream;
        connection.streams.add(stream);
        const forget = stream.return!.bind(stream);
        stream.return = async () => {
          connection.streams.delete(stream);
          return forget();
        };
        const args: ExecutionArgs = {
          schema: options.planner.apiSchema,
          document: stream.document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: { stream },
        };
        return args;
      },
      subscribe: (args) => (args.contextValue as { stream: EventStream }).stream as never,
      // Results are already formatted (masked, with request ids) by the subscribe function.
      onNext: (_ctx, _id, _payload, _args, result) => result as never,
      onError: (ctx, _id, _payload, errors) =>
        options.formatErrors(errors, connections.get(ctx.extra.socket)?.identity.requestId ?? randomUUID()) as never,
      onClose: async (ctx) => {
        await end(ctx.extra.socket);
      },
    },
    wsServer,
    options.heartbeatMs,
  );

  return {
    async dispose() {
      clearInterval(rechecks);
      await server.dispose();
    },
  };
}
