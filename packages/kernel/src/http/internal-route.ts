import { randomUUID } from 'node:crypto';
import type { Express, NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { AppError, ErrorCode, httpStatusOf } from '../errors';
import { IdentityError, type Identity } from '../identity';
import type { Logger } from '../logger';
import { sendUnexpectedError } from './rest-errors';
import { jsonKeepingBytes, verifyRequestIdentity } from './signed-request';

export interface InternalRouteOptions<Input, Output> {
  method: 'GET' | 'POST';
  path: string;
  /** The contract's schema for the JSON body (POST) or the query string (GET). */
  input: z.ZodType<Input>;
  identitySecret: string;
  logger: Logger;
  /** The 401's message when the call carries no valid signature. */
  unsigned: string;
  /** Why a signed caller is refused (401 with that message), or null to accept it. Default: every signed caller is accepted. */
  refuse?: (identity: Identity) => string | null;
  /** Largest JSON body (POST). Default: '100kb' (Express's own default). */
  bodyLimit?: string;
  /** Answers the validated call (200 with its JSON); an AppError becomes its envelope, anything else 500 or 503. */
  handle: (call: { identity: Identity; input: Input }) => Promise<Output>;
}

/** The REST error envelope every internal route answers with. */
function sendError(res: Response, code: ErrorCode, message: string, requestId: string, details?: unknown): void {
  res.status(httpStatusOf[code]).json({ error: { code, message, ...(details ? { details } : {}), request_id: requestId } });
}

/**
 * One internal route (service to service, never public): the signed identity is checked against
 * the call itself (method, path, body digest), the body or query is validated against the
 * contract's schema, and every failure answers the REST envelope `{ error: { code, message,
 * details?, request_id } }`, outages 503 UNAVAILABLE with Retry-After. Returns `(app) => void`.
 */
export function internalRoute<Input, Output>(options: InternalRouteOptions<Input, Output>): (app: Express) => void {
  const { path, logger } = options;
  const answer = async (req: Request, res: Response): Promise<void> => {
    let identity: Identity;
    try {
      identity = verifyRequestIdentity(req, options.identitySecret);
    } catch (error) {
      if (!(error instanceof IdentityError)) throw error;
      logger.warn({ reason: error.message, ip: req.ip, path }, 'rejected unsigned internal call');
      sendError(res, ErrorCode.UNAUTHENTICATED, options.unsigned, randomUUID());
      return;
    }
    const requestId = identity.requestId;
    const refusal = options.refuse?.(identity);
    if (refusal) {
      sendError(res, ErrorCode.UNAUTHENTICATED, refusal, requestId);
      return;
    }
    const input = options.input.safeParse(options.method === 'GET' ? { ...req.query } : req.body);
    if (!input.success) {
      const details = input.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
      sendError(res, ErrorCode.VALIDATION_ERROR, 'Invalid input', requestId, details);
      return;
    }
    try {
      res.json(await options.handle({ identity, input: input.data }));
    } catch (error) {
      if (error instanceof AppError) sendError(res, error.code, error.message, requestId, error.details);
      else sendUnexpectedError(res, error, requestId, logger, `${options.method} ${path} failed`);
    }
  };
  return (app) => {
    if (options.method === 'GET') {
      app.get(path, answer);
      return;
    }
    app.post(path, jsonKeepingBytes({ limit: options.bodyLimit ?? '100kb' }), answer);
    // Malformed JSON and oversized bodies: the envelope, not Express's HTML page.
    app.use(path, (error: Error & { status?: number }, _req: Request, res: Response, next: NextFunction) => {
      if (error.status === 413) sendError(res, ErrorCode.VALIDATION_ERROR, 'Request body too large', randomUUID());
      else if (error.status === 400) sendError(res, ErrorCode.VALIDATION_ERROR, 'Malformed JSON', randomUUID());
      else next(error);
    });
  };
}
