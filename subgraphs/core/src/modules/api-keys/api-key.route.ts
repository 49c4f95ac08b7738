import { randomUUID } from 'node:crypto';
import type { Express, Request, Response } from 'express';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ErrorCode, IdentityError, httpStatusOf, jsonKeepingBytes, sendUnexpectedError, verifyRequestIdentity, type Logger } from '@flowgraph/kernel';
import { ApiKeyRepository } from './api-key.repository';
import { verifyApiKey } from './api-key.verifier';

export const API_KEY_VERIFY_PATH = '/internal/api-keys/verify';

export interface ApiKeyVerifyRouteOptions {
  orm: MikroORM;
  identitySecret: string;
  logger: Logger;
}

function sendError(res: Response, code: ErrorCode, message: string, requestId: string): void {
  res.status(httpStatusOf[code]).json({ error: { code, message, request_id: requestId } });
}

/**
 * `POST /internal/api-keys/verify` `{ key }` for the gateway: 200 `{ apiKeyId, userId, orgId,
 * role, scopes, clientName }` or 401 in the REST error envelope. Like `/graphql`, it only answers calls
 * carrying an identity the gateway signed (an anonymous one suffices).
 */
export function apiKeyVerifyRoute(options: ApiKeyVerifyRouteOptions) {
  return (app: Express): void => {
    app.post(API_KEY_VERIFY_PATH, jsonKeepingBytes({ limit: '4kb' }), async (req: Request, res: Response) => {
      let requestId: string = randomUUID();
      try {
        requestId = verifyRequestIdentity(req, options.identitySecret).requestId;
      } catch (error) {
        if (!(error instanceof IdentityError)) throw error;
        options.logger.warn({ reason: error.message, ip: req.ip }, 'rejected unsigned api key verification');
        sendError(res, ErrorCode.UNAUTHENTICATED, 'Requests must come through the gateway', requestId);
        return;
      }
      const key = (req.body as { key?: unknown } | undefined)?.key;
      if (typeof key !== 'string' || key.length === 0 || key.length > 512) {
        res.status(400).json({ error: { code: ErrorCode.VALIDATION_ERROR, message: 'Invalid input', details: [{ field: 'key', message: 'Must be an API key' }], request_id: requestId } });
        return;
      }
      try {
        const em = options.orm.em.fork() as EntityManager;
        const verified = await verifyApiKey(new ApiKeyRepository(em), key);
        if (!verified) {
          sendError(res, ErrorCode.UNAUTHENTICATED, 'Invalid, revoked or expired API key', requestId);
          return;
        }
        res.json(verified);
      } catch (error) {
        sendUnexpectedError(res, error, requestId, options.logger, 'api key verification failed');
      }
    });
  };
}
