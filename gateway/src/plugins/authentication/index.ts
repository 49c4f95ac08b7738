import type { NextFunction, Request, Response } from 'express';
import { ErrorCode, activeTraceId, isUnavailable, type Identity, type Logger } from '@flowgraph/kernel';
import { respondUnavailable } from '../unavailable';
import { AuthenticationError, TRACEPARENT, verifyPresented, type CredentialVerifiers, type Credentials } from './credentials';

export { AuthenticationError, type CredentialVerifiers, type Credentials } from './credentials';

/** Both verifiers are required (see jwt-auth and api-key-auth). */
export interface AuthenticationOptions extends CredentialVerifiers {
  logger: Logger;
}

function respond(res: Response, status: number, code: ErrorCode, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extra, request_id: res.locals.requestId as string } }] });
}

async function credentialsOf(req: Request, options: AuthenticationOptions, requestId: string): Promise<Credentials> {
  const presented = await verifyPresented(
    { authorization: req.headers.authorization, apiKey: req.headers['x-api-key'] },
    options,
    requestId,
  );
  // No credentials: anonymous (signUp, logIn); subgraphs refuse anything else.
  return presented ?? { authMethod: 'anonymous', scopes: [] };
}

/**
 * Express middleware: authenticates the caller once, for the whole graph, and leaves the
 * identity in `res.locals.identity` (with request id, trace id, ip and user agent). Bad
 * credentials end the request with HTTP 401 and a GraphQL error `UNAUTHENTICATED`; an unreachable
 * dependency (Redis, Core) ends it with 503 `UNAVAILABLE` and `Retry-After`, any other failure with
 * 500 `INTERNAL`; the detail is only in the log.
 * Needs `requestId()` mounted before it.
 */
export function authentication(options: AuthenticationOptions) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const requestId = res.locals.requestId as string;
    const traceparent =
      typeof req.headers.traceparent === 'string' && TRACEPARENT.test(req.headers.traceparent) ? req.headers.traceparent : undefined;
    try {
      const credentials = await credentialsOf(req, options, requestId);
      const identity: Identity = {
        ...credentials,
        requestId,
        // The active span continues the caller's traceparent; without telemetry, the caller's trace id.
        traceId: activeTraceId() ?? (traceparent ? TRACEPARENT.exec(traceparent)?.[1] : undefined),
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      };
      res.locals.identity = identity;
      res.locals.traceparent = traceparent;
      next();
    } catch (error) {
      if (error instanceof AuthenticationError) {
        options.logger.info({ request_id: requestId, reason: error.message, ip: req.ip }, 'authentication refused');
        respond(res, 401, ErrorCode.UNAUTHENTICATED, 'Authentication failed');
        return;
      }
      if (isUnavailable(error)) {
        options.logger.warn({ err: error, request_id: requestId }, 'authentication could not complete: dependency unavailable');
        respondUnavailable(res);
        return;
      }
      options.logger.error({ err: error, request_id: requestId }, 'authentication could not complete');
      respond(res, 500, ErrorCode.INTERNAL, 'Internal server error', { masked: true });
    }
  };
}
