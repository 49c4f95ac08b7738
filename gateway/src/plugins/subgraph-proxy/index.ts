import http from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { TimeoutError, sendUnexpectedError, type Logger } from '@flowgraph/kernel';
import { injectTraceContext } from '../telemetry/tracing';

export interface SubgraphProxyOptions {
  /** Origin of the subgraph's HTTP server (the origin of its `<NAME>_URL`). */
  upstreamOrigin: string;
  logger: Logger;
  /** What logs and timeout errors call it, e.g. `webhook proxy`. */
  name: string;
  /** The upstream path and query for a request, built from its route parameters (never its raw path). */
  target: (req: Request) => string;
  /**
   * Request headers passed on, beside `x-request-id` and `x-forwarded-for` (always sent).
   * Default: none; everything else (authorization, identity headers) stays here.
   */
  requestHeaders?: readonly string[];
  /** Response headers passed back. Default: `content-type`. */
  responseHeaders?: readonly string[];
  /** Give up on the upstream after this long. Default: 30,000 ms. */
  timeoutMs?: number;
}

/**
 * Express handler that streams a request to a subgraph's own HTTP route, byte for byte and in
 * the request's method, and streams the answer back with only the listed headers. For routes
 * that are not GraphQL and authenticate themselves (an HMAC, a cookie), not with the gateway's
 * identity. An unreachable or slow upstream is 503 `UNAVAILABLE` with `Retry-After`.
 */
export function subgraphProxy(options: SubgraphProxyOptions) {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const requestHeaders = options.requestHeaders ?? [];
  const responseHeaders = options.responseHeaders ?? ['content-type'];
  return (req: Request, res: Response, _next: NextFunction): void => {
    const requestId = String(res.locals.requestId ?? '');
    const headers: Record<string, string> = { 'x-request-id': requestId, 'x-forwarded-for': req.ip ?? '' };
    for (const name of requestHeaders) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    if (req.headers['transfer-encoding']) headers['transfer-encoding'] = String(req.headers['transfer-encoding']);
    // The call continues the request's trace in the subgraph (the caller's traceparent is not forwarded raw).
    injectTraceContext({ set: (name, value) => (headers[name] = value) });
    const url = new URL(options.target(req), options.upstreamOrigin);
    const upstream = http.request(url, { method: req.method, headers, timeout: timeoutMs }, (answer) => {
      res.status(answer.statusCode ?? 502);
      for (const name of responseHeaders) {
        const value = answer.headers[name];
        // Set-Cookie comes as a list: each cookie stays its own header line.
        if (value !== undefined) res.setHeader(name, value);
      }
      answer.pipe(res);
    });
    const fail = (error: Error) => {
      if (!res.headersSent) return sendUnexpectedError(res, error, requestId, options.logger, `${options.name} failed`);
      options.logger.error({ err: error, request_id: requestId }, `${options.name} failed`);
      res.destroy();
    };
    upstream.on('timeout', () => upstream.destroy(new TimeoutError(`${options.name}: the upstream took more than ${timeoutMs} ms`)));
    upstream.on('error', fail);
    req.pipe(upstream);
  };
}
