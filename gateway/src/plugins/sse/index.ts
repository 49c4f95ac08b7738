import type { NextFunction, Request, Response } from 'express';
import { createHandler, type Response as SseResponse } from 'graphql-sse';
import { ErrorCode, type Identity, type Logger } from '@flowgraph/kernel';
import type { AccessChanges } from '../access-changes';
import { AuthenticationError, verifyPresented, type CredentialVerifiers } from '../authentication/credentials';
import type { GatewaySubscriptions } from '../subscriptions';

export interface SseOptions {
  /** The gateway's subscriptions (same subscribe function, same limits as WebSocket). Required. */
  subscriptions: Pick<GatewaySubscriptions, 'subscribe' | 'formatErrors' | 'maxBufferedBytes'>;
  /** The gateway's credential checks (JWT, API key), to check a stream's caller again. Required. */
  verifiers: CredentialVerifiers;
  /** Core's access-change announcements: a stream's caller is checked again as soon as their access changes. Required. */
  accessChanges: Pick<AccessChanges, 'watch'>;
  logger: Logger;
}

const json = (status: number, statusText: string, body: unknown): SseResponse => [
  JSON.stringify(body),
  { status, statusText, headers: { 'content-type': 'application/json; charset=utf-8' } },
];

/** A stream ended by a restart tells its client to reconnect after 1–5 s (spread, so not all at once). */
const reconnectHint = () => `retry: ${1000 + Math.floor(Math.random() * 4000)}\n\n`;

/**
 * GraphQL over Server-Sent Events (graphql-sse, "distinct connections" mode: one HTTP request per
 * subscription) for clients that cannot open WebSockets. Mount after the `authentication`
 * middleware (and a JSON body parser): the caller is `res.locals.identity`, anonymous is refused.
 * The response is written without waiting for the client; once more than `maxBufferedBytes` are
 * unsent the response is ended. A client that goes away completes the upstream subscription.
 * When Core announces that the caller's access changed and their credentials no longer pass, the
 * stream gets a last `next` event with an `UNAUTHENTICATED` error and the response ends.
 * `close()` (the gateway stopping) ends every open stream with a `retry:` hint, without a
 * `complete` event, so clients reconnect (to another replica).
 */
export function sseSubscriptions(options: SseOptions) {
  const { subscriptions } = options;
  const open = new Set<Response>();

  /** Ends the stream with an UNAUTHENTICATED error once the request's credentials no longer pass. */
  const reauthenticate = async (req: Request, res: Response) => {
    const identity = res.locals.identity as Identity;
    try {
      await verifyPresented(
        { authorization: req.headers.authorization, apiKey: req.headers['x-api-key'] },
        options.verifiers,
        identity.requestId,
      );
    } catch (error) {
      if (!(error instanceof AuthenticationError)) {
        options.logger.warn({ err: error, request_id: identity.requestId }, 'SSE credentials could not be checked again');
        return;
      }
      options.logger.info({ request_id: identity.requestId, reason: error.message }, 'SSE stream ended: credentials no longer valid');
      const errors = [
        { message: 'Authentication failed', extensions: { code: ErrorCode.UNAUTHENTICATED, request_id: identity.requestId } },
      ];
      if (res.writable) res.end(`event: next\ndata: ${JSON.stringify({ errors })}\n\n`);
    }
  };
  const handler = createHandler<Request, { res: Response }>({
    // Distinct connections only: no stream reservations (PUT), so no token to authenticate.
    authenticate: () => undefined,
    onSubscribe: (req, params) => {
      const res = req.context.res;
      const identity = res.locals.identity as Identity;
      if (identity.authMethod === 'anonymous') {
        return json(401, 'Unauthorized', {
          errors: [{ message: 'Authentication required', extensions: { code: ErrorCode.UNAUTHENTICATED, request_id: identity.requestId } }],
        });
      }
      const stream = subscriptions.subscribe(params, {
        transport: 'sse',
        identity,
        traceparent: res.locals.traceparent as string | undefined,
        isCongested: () => res.writableLength > subscriptions.maxBufferedBytes,
        drop: () => res.destroy(),
      });
      if (Array.isArray(stream)) {
        const codes = new Set(stream.map((error) => error.extensions.code));
        const errors = subscriptions.formatErrors(stream, identity.requestId);
        if (codes.has(ErrorCode.RATE_LIMITED)) return json(429, 'Too Many Requests', { errors });
        return codes.has(ErrorCode.CONSENT_REQUIRED) ? json(403, 'Forbidden', { errors }) : json(400, 'Bad Request', { errors });
      }
      return stream as never;
    },
  });

  const middleware = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const [body, init] = await handler({
        method: req.method,
        url: req.url,
        headers: {
          get: (key: string) =>
            Array.isArray(req.headers[key]) ? (req.headers[key] as string[]).join('\n') : (req.headers[key] as string | undefined),
        },
        body: () => Promise.resolve((req.body as Record<string, unknown> | undefined) ?? ''),
        raw: req,
        context: { res },
      });
      res.writeHead(init.status, init.statusText ?? '', init.headers as Record<string, string> | undefined);
      if (!body || typeof body === 'string') {
        res.end(body ?? undefined);
        return;
      }
      const stop = () => void body.return?.(undefined);
      res.once('close', stop);
      open.add(res);
      res.once('close', () => open.delete(res));
      const identity = res.locals.identity as Identity;
      const unwatch = identity.userId ? options.accessChanges.watch(identity.userId, () => void reauthenticate(req, res)) : undefined;
      res.once('close', () => unwatch?.());
      for await (const chunk of body) {
        if (!res.writable) break;
        // Not awaited: a slow reader's backlog stays in res.writableLength, which the subscriber bounds.
        res.write(chunk);
      }
      res.off('close', stop);
      if (res.writable) res.end();
    } catch (error) {
      options.logger.error({ err: error, request_id: res.locals.requestId }, 'SSE subscription failed');
      if (!res.headersSent) next(error);
      else res.destroy();
    }
  };
  return Object.assign(middleware, {
    /** Ends every open stream with a reconnect hint. */
    close() {
      for (const res of open) if (res.writable) res.end(reconnectHint());
      open.clear();
    },
  });
}
