import { randomUUID } from 'node:crypto';
import type { Express, NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  AppError,
  ErrorCode,
  IdentityError,
  httpStatusOf,
  inScopedTransaction,
  jsonKeepingBytes,
  sendUnexpectedError,
  verifyRequestIdentity,
  type Identity,
  type Logger,
} from '@flowgraph/kernel';
import { EventRepository } from './event.repository';
import { EventService } from './event.service';

export const INTERNAL_EVENTS_PATH = '/internal/events';

export interface InternalEventsRouteOptions {
  orm: MikroORM;
  identitySecret: string;
  logger: Logger;
  /** Largest body; the same as `/graphql`'s, since both carry up to 1,000 events. */
  bodyLimit: string;
}

/** Shape only; the event rules themselves (sizes, names, dates) are EventService's, per item. */
const bodySchema = z.object({
  events: z.array(
    z.object({
      idempotencyKey: z.string(),
      eventType: z.string(),
      tool: z.string(),
      occurredAt: z.string(),
      payload: z.record(z.string(), z.unknown()),
    }),
  ),
});

function sendError(res: Response, code: ErrorCode, message: string, requestId: string, details?: unknown): void {
  res.status(httpStatusOf[code]).json({ error: { code, message, ...(details ? { details } : {}), request_id: requestId } });
}

/**
 * `POST /internal/events` `{ events: [...] }` for other Flowgraph processes (a workflow's notify
 * step): stores them like `ingestEvents`, once per idempotency key, and answers 200
 * `{ results: [{ index, status, eventId, errors }] }`. Only a signed `service` identity acting in
 * an organization is accepted; anything else is 401.
 */
export function internalEventsRoute(options: InternalEventsRouteOptions) {
  return (app: Express): void => {
    app.post(INTERNAL_EVENTS_PATH, jsonKeepingBytes({ limit: options.bodyLimit }), async (req: Request, res: Response) => {
      let identity: Identity;
      try {
        identity = verifyRequestIdentity(req, options.identitySecret);
      } catch (error) {
        if (!(error instanceof IdentityError)) throw error;
        options.logger.warn({ reason: error.message, ip: req.ip }, 'rejected unsigned internal event call');
        sendError(res, ErrorCode.UNAUTHENTICATED, 'A signed service identity is required', randomUUID());
        return;
      }
      const requestId = identity.requestId;
      if (identity.authMethod !== 'service' || !identity.orgId || !identity.userId) {
        sendError(res, ErrorCode.UNAUTHENTICATED, 'A signed service identity is required', requestId);
        return;
      }
      const body = bodySchema.safeParse(req.body);
      if (!body.success) {
        const details = body.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
        sendError(res, ErrorCode.VALIDATION_ERROR, 'Invalid input', requestId, details);
        return;
      }
      try {
        const root = options.orm.em as EntityManager;
        const summary = await inScopedTransaction(root, { orgId: identity.orgId, userId: identity.userId }, (em) =>
          new EventService(new EventRepository(em)).ingest(identity, body.data.events),
        );
        res.json({
          results: summary.results.map((r) => ({ index: r.index, status: r.status, eventId: r.event?.id ?? null, errors: r.errors })),
        });
      } catch (error) {
        if (error instanceof AppError) {
          sendError(res, error.code, error.message, requestId, error.details);
          return;
        }
        sendUnexpectedError(res, error, requestId, options.logger, 'internal event ingestion failed');
      }
    });
    // Malformed JSON and oversized bodies: the REST envelope, not Express's HTML page.
    app.use(INTERNAL_EVENTS_PATH, (error: Error & { status?: number }, _req: Request, res: Response, next: NextFunction) => {
      if (error.status === 413) sendError(res, ErrorCode.VALIDATION_ERROR, 'Request body too large', randomUUID());
      else if (error.status === 400) sendError(res, ErrorCode.VALIDATION_ERROR, 'Malformed JSON', randomUUID());
      else next(error);
    });
  };
}
