import { randomUUID } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { ErrorCode, InternalCallError, httpStatusOf, sendUnexpectedError, unavailable, type Logger } from '@flowgraph/kernel';
import { MAX_WEBHOOK_BODY_BYTES } from './verification';
import type { WebhookDeliveryService } from './webhook-delivery.service';

export const PROVIDER_WEBHOOK_PATH = '/webhooks/:connector/:integrationId';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** One answer for every integration that cannot take the delivery: the URL reveals nothing. */
const NOT_FOUND = 'No such webhook';

function sendError(
  res: Response,
  code: ErrorCode,
  message: string,
  requestId: string,
  extra: Record<string, unknown> = {},
  status = httpStatusOf[code],
) {
  res.status(status).json({ error: { code, message, ...extra, request_id: requestId } });
}

/**
 * `POST /webhooks/:connector/:integrationId`: provider deliveries, forwarded by the gateway with
 * their raw body and headers. Not gateway-signed; each delivery proves itself with the
 * integration's webhook secret. Answers: 200 `{ status: 'recorded' }`, 200 `{ status: 'duplicate' }`
 * (a replay), 202 `{ status: 'ignored' }` (an event type not recorded), 200 `{ challenge }` (Slack's
 * url_verification); 401 with a `reason` code; 404 unknown, other connector or not connected;
 * 413 over 1 MiB; 503 with Retry-After when Core is out (the provider's retry is then processed).
 */
export function providerWebhooksRoute(options: { deliveries: WebhookDeliveryService; logger: Logger }) {
  const { logger } = options;
  return (app: Express): void => {
    // Raw bytes: providers sign the body as sent. No inflation: a signature covers what was sent.
    const raw = express.raw({ type: () => true, limit: MAX_WEBHOOK_BODY_BYTES, inflate: false });
    app.post(PROVIDER_WEBHOOK_PATH, raw, async (req: Request, res: Response) => {
      const header = req.get('x-request-id');
      const requestId = header && REQUEST_ID.test(header) ? header : randomUUID();
      const connector = String(req.params.connector);
      const integrationId = String(req.params.integrationId);
      const log = logger.child({ request_id: requestId, connector, integrationId });
      try {
        const outcome = await options.deliveries.deliver({
          connector,
          integrationId,
          headers: req.headers,
          rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        });
        switch (outcome.status) {
          case 'not_found':
            return sendError(res, ErrorCode.NOT_FOUND, NOT_FOUND, requestId);
          case 'refused':
            log.warn({ reason: outcome.reason, ip: req.ip }, 'provider webhook refused');
            return sendError(res, ErrorCode.UNAUTHENTICATED, 'Webhook verification failed', requestId, { reason: outcome.reason });
          case 'challenge':
            return void res.status(200).json({ challenge: outcome.challenge });
          case 'duplicate':
            return void res.status(200).json({ status: 'duplicate' });
          case 'ignored':
            log.info({ deliveryId: outcome.deliveryId, providerEvent: outcome.providerEvent }, 'provider webhook ignored');
            return void res.status(202).json({ status: 'ignored' });
          case 'invalid':
            return void res.status(202).json({ status: 'invalid' });
          case 'recorded':
            log.info(
              { deliveryId: outcome.deliveryId, eventType: outcome.eventType, eventId: outcome.eventId },
              'provider webhook recorded',
            );
            return void res.status(200).json({ status: 'recorded', eventId: outcome.eventId });
        }
      } catch (error) {
        if (error instanceof InternalCallError && error.unreachable) {
          log.warn({ err: error }, 'provider webhook: Core unavailable, claim released');
          const refusal = unavailable();
          res.set('Retry-After', String(refusal.extensions.retryAfter));
          return sendError(res, ErrorCode.UNAVAILABLE, refusal.message, requestId, { retryAfter: refusal.extensions.retryAfter });
        }
        sendUnexpectedError(res, error, requestId, log, 'provider webhook failed');
      }
    });
    app.use('/webhooks', (error: Error & { status?: number }, _req: Request, res: Response, next: NextFunction) => {
      if (error.status === 413) sendError(res, ErrorCode.VALIDATION_ERROR, 'Body over 1 MiB', randomUUID(), {}, 413);
      else if (error.status && error.status < 500) sendError(res, ErrorCode.VALIDATION_ERROR, 'Malformed request', randomUUID());
      else next(error);
    });
  };
}
