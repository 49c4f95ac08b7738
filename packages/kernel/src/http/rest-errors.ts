import type { Response } from 'express';
import type { Logger } from 'pino';
import { ErrorCode, httpStatusOf, unavailable } from '../errors';
import { isUnavailable } from '../unavailable';

/**
 * Answers a REST route's unexpected failure in the REST envelope: an unreachable dependency
 * (Postgres out, a refused connection) is 503 `UNAVAILABLE` with `Retry-After`, logged as a
 * warning, so the caller retries; anything else is 500 `INTERNAL`, logged as an error. The
 * detail stays in the log under the request id.
 */
export function sendUnexpectedError(res: Response, error: unknown, requestId: string, logger: Logger, what: string): void {
  if (isUnavailable(error)) {
    logger.warn({ err: error, request_id: requestId }, `${what}: dependency unavailable`);
    const refusal = unavailable();
    res.set('Retry-After', String(refusal.extensions.retryAfter));
    res
      .status(httpStatusOf[ErrorCode.UNAVAILABLE])
      .json({ error: { message: refusal.message, ...refusal.extensions, request_id: requestId } });
    return;
  }
  logger.error({ err: error, request_id: requestId }, what);
  res
    .status(httpStatusOf[ErrorCode.INTERNAL])
    .json({ error: { code: ErrorCode.INTERNAL, message: 'Internal server error', request_id: requestId } });
}
