import { randomUUID } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, ErrorCode, httpStatusOf, sendUnexpectedError, type Logger, type SecretKeyring } from '@flowgraph/kernel';
import { TriggerRepository } from './trigger.repository';
import type { WebhookDeliveryService } from './webhook-delivery.service';
import type { WebhookRateLimit } from './webhook-rate-limit';
import { WEBHOOK_DELIVERY_HEADER, WEBHOOK_SIGNATURE_HEADER, verifyWebhookSignature } from './webhook-signature';

export const WEBHOOK_PATH = '/webhooks/:triggerId';
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;
/** 150: the execution idempotency key `webhook:<trigger id>:<delivery id>` must stay within 200 characters. */
const DELIVERY_ID = /^[\x21-\x7e]{1,150}$/;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export interface WebhookRouteOptions {
  root: EntityManager;
  deliveries: WebhookDeliveryService;
  cipher: SecretKeyring;
  rateLimit?: WebhookRateLimit;
  logger: Logger;
}

function send(
  res: Response,
  code: ErrorCode,
  message: string,
  requestId: string,
  extra: Record<string, unknown> = {},
  status = httpStatusOf[code],
): void {
  res.status(status).json({ error: { code, message, ...extra, request_id: requestId } });
}

/** Same answer for an unknown, disabled or inactive trigger: the URL reveals nothing. */
const NOT_FOUND = 'No such webhook';

/**
 * `POST /webhooks/:triggerId`: not gateway-signed (senders are other systems); authenticated by
 * the trigger's own secret instead (see webhook-signature.ts). 202 `{ executionId }` for a new or
 * replayed delivery; 400 missing delivery id or non-object JSON body; 401 bad or stale signature;
 * 404 unknown or disabled trigger; 413 body over 1 MiB; 429 over the per-trigger rate.
 */
export function webhookRoute(options: WebhookRouteOptions) {
  const { logger } = options;
  return (app: Express): void => {
    const raw = express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT });
    app.post(WEBHOOK_PATH, raw, async (req: Request, res: Response) => {
      const header = req.get('x-request-id');
      const requestId = header && REQUEST_ID.test(header) ? header : randomUUID();
      const triggerId = String(req.params.triggerId);
      const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      try {
        const target = await new TriggerRepository(options.root.fork()).webhookTarget(triggerId);
        if (!target) return send(res, ErrorCode.NOT_FOUND, NOT_FOUND, requestId);
        const secret = options.cipher.decrypt(target.encryptedSecret, triggerId);
        const check = verifyWebhookSignature(secret, req.get(WEBHOOK_SIGNATURE_HEADER), body);
        if (check !== 'ok') {
          logger.warn({ triggerId, reason: check, ip: req.ip, request_id: requestId }, 'webhook signature refused');
          return send(
            res,
            ErrorCode.UNAUTHENTICATED,
            check === 'stale' ? 'Signature timestamp outside the 5-minute window' : 'Invalid signature',
            requestId,
          );
        }
        const deliveryId = req.get(WEBHOOK_DELIVERY_HEADER);
        if (!deliveryId || !DELIVERY_ID.test(deliveryId)) {
          return send(res, ErrorCode.VALIDATION_ERROR, 'Invalid input', requestId, {
            details: [{ field: 'X-Flowgraph-Delivery', message: 'Required: 1 to 150 printable characters, unique per delivery' }],
          });
        }
        let input: unknown;
        try {
          input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
        } catch {
          input = undefined;
        }
        if (typeof input !== 'object' || input === null || Array.isArray(input)) {
          return send(res, ErrorCode.VALIDATION_ERROR, 'Invalid input', requestId, {
            details: [{ field: 'body', message: 'Must be a JSON object' }],
          });
        }
        const retryAfter = (await options.rateLimit?.consume(triggerId)) ?? 0;
        if (retryAfter > 0) {
          res.set('Retry-After', String(retryAfter));
          return send(res, ErrorCode.RATE_LIMITED, 'Too many deliveries for this webhook', requestId, { retryAfter });
        }
        const result = await options.deliveries.receive({ ...target, triggerId, deliveryId, body: input as Record<string, unknown> });
        logger.info(
          { triggerId, deliveryId, executionId: result.executionId, duplicate: result.duplicate, request_id: requestId },
          'webhook delivery',
        );
        res.status(202).json({ executionId: result.executionId, ...(result.duplicate ? { duplicate: true } : {}) });
      } catch (error) {
        if (error instanceof AppError)
          return send(res, error.code, error.message, requestId, error.details ? { details: error.details } : {});
        sendUnexpectedError(res, error, requestId, logger.child({ triggerId }), 'webhook delivery failed');
      }
    });
    app.use('/webhooks', (error: Error & { status?: number }, _req: Request, res: Response, next: NextFunction) => {
      if (error.status === 413) send(res, ErrorCode.VALIDATION_ERROR, 'Body over 1 MiB', randomUUID(), {}, 413);
      else if (error.status && error.status < 500) send(res, ErrorCode.VALIDATION_ERROR, 'Malformed request', randomUUID());
      else next(error);
    });
  };
}
