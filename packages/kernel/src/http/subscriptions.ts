import type http from 'node:http';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { GraphQLSchema } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { IdentityError, verifyIdentity, type Identity } from '../identity';
import { beginScopedTransaction } from '../db/request-transaction';
import type { RequestContext } from './subgraph-server';

/** Close code graphql-ws uses for a refused connection (onConnect returned false). */
export const SUBSCRIPTION_FORBIDDEN_CLOSE_CODE = 4403;

/**
 * What a subscription's context adds: resolvers call `begin()` before each event is resolved
 * (`eachSubscriptionEvent` does it), which opens a short scoped transaction and rebuilds the
 * loaders; the server commits it once the event is sent. No connection is held between events.
 */
export interface SubscriptionEventScope {
  begin(): Promise<void>;
  end(): Promise<void>;
}

export interface SubscriptionOptions<TContext extends RequestContext> {
  httpServer: http.Server;
  path: string;
  schema: GraphQLSchema;
  root: EntityManager;
  logger: Logger;
  identitySecret: string;
  extendContext: (base: RequestContext) => TContext;
}

/**
 * The gateway's signed identity headers, at the top of connectionParams or under `headers`, signed
 * for the WebSocket upgrade they open: GET of the subscription path, no body.
 */
function identityOf(params: Record<string, unknown> | undefined, secret: string, upgradeUrl: string): Identity {
  const source = (params?.headers && typeof params.headers === 'object' ? params.headers : params) ?? {};
  return verifyIdentity(source as Record<string, string>, secret, { method: 'GET', target: upgradeUrl });
}

/**
 * graphql-ws on the subgraph's HTTP server and path. A connection must carry the gateway's signed
 * identity in its connectionParams; otherwise it is closed with 4403.
 */
export function attachSubscriptions<TContext extends RequestContext>(options: SubscriptionOptions<TContext>): { dispose(): Promise<void> } {
  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path });
  const contexts = new Map<string, TContext & { subscriptionEvent: SubscriptionEventScope }>();
  const key = (socket: unknown, id: string) => `${(socket as { __fgId?: string }).__fgId}:${id}`;
  let connections = 0;
  const cleanup = useServer(
    {
      schema: options.schema,
      onConnect: (ctx) => {
        try {
          const identity = identityOf(ctx.connectionParams, options.identitySecret, ctx.extra.request.url ?? options.path);
          (ctx.extra as { identity?: Identity }).identity = identity;
          (ctx.extra.socket as unknown as { __fgId: string }).__fgId = String(++connections);
          return true;
        } catch (error) {
          if (!(error instanceof IdentityError)) throw error;
          options.logger.warn({ reason: error.message }, 'rejected unsigned subscription');
          return false;
        }
      },
      context: (ctx, id) => {
        const identity = (ctx.extra as { identity?: Identity }).identity!;
        const logger = options.logger.child({ request_id: identity.requestId, subscription: id });
        // Subscription events only read and commit their own short transactions: nothing to wait for.
        const afterCommit = (task: () => Promise<unknown>) =>
          void task().catch((error: unknown) => logger.error({ err: error }, 'after-commit task failed'));
        const base: RequestContext = { requestId: identity.requestId, identity, em: options.root.fork(), logger, afterCommit };
        const context = { ...options.extendContext(base) } as TContext & { subscriptionEvent: SubscriptionEventScope };
        context.subscriptionEvent = {
          async begin() {
            const em = await beginScopedTransaction(options.root, { orgId: identity.orgId, userId: identity.userId });
            Object.assign(context, options.extendContext({ ...base, em }));
          },
          async end() {
            if (context.em.isInTransaction()) await context.em.commit();
          },
        };
        contexts.set(key(ctx.extra.socket, id), context);
        return context;
      },
      onNext: async (_ctx, _id, _payload, args) => {
        await (args.contextValue as { subscriptionEvent?: SubscriptionEventScope }).subscriptionEvent?.end();
      },
      onError: async (ctx, id) => {
        const context = contexts.get(key(ctx.extra.socket, id));
        if (context?.em.isInTransaction()) await context.em.rollback();
      },
      onComplete: async (ctx, id) => {
        const context = contexts.get(key(ctx.extra.socket, id));
        contexts.delete(key(ctx.extra.socket, id));
        if (context?.em.isInTransaction()) await context.em.rollback();
      },
    },
    wsServer,
  );
  return {
    async dispose() {
      await cleanup.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}

/**
 * Maps a message stream into a subscription's event stream: drops messages `keep` refuses
 * (another organization's) and opens the per-event transaction before each one is resolved.
 * Leaving works while idle: a generator waiting for its next message cannot be returned (the
 * `return()` waits for a message), so `return()` first ends the message source, which ends that
 * wait and unsubscribes at once.
 */
export function eachSubscriptionEvent<T>(
  context: RequestContext,
  messages: AsyncIterableIterator<T>,
  keep: (message: T) => boolean,
): AsyncIterableIterator<T> {
  const scope = (context as { subscriptionEvent?: SubscriptionEventScope }).subscriptionEvent;
  const events = (async function* () {
    try {
      for await (const message of messages) {
        if (!keep(message)) continue;
        await scope?.begin();
        yield message;
      }
    } finally {
      await messages.return?.();
    }
  })();
  const iterator: AsyncIterableIterator<T> = {
    next: () => events.next(),
    return: async () => {
      await messages.return?.();
      return events.return(undefined);
    },
    throw: async (error?: unknown) => {
      await messages.return?.();
      return events.throw(error);
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
