import http from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { TimeoutError, sendUnexpectedError, type Logger } from '@flowgraph/kernel';
import { injectTraceContext } from '../telemetry/tracing';

export interface WebhookProxyOptions {
  /** Origin of the workflow subgraph's HTTP server (the origin of WORKFLOW_URL). */
  upstreamOrigin: string;
  logger: Logger;
  /** Give up on the upstream after this long. Default: 30,000 ms. */
  timeoutMs?: number;
}

/** Request headers passed on; everything else (cookies, authorization, identity headers) stays here. */
const FORWARDED_REQUEST_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'user-agent',
  'x-flowgraph-signature',
  'x-flowgraph-delivery',
];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'retry-after'];

/**
 * Express handler for `POST /webhooks/:triggerId`: streams the request to the workflow subgraph
 * byte for byte (the signature covers the raw body, so it is never parsed here) and streams the
 * answer back. Webhooks are authenticated by their own HMAC, not by the gateway's identity.
 */
export function webhookProxy(options: WebhookProxyOptions) {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return (req: Request, res: Response, _next: NextFunction): void => {
    const requestId = String(res.locals.requestId ?? '');
    const headers: Record<string, string> = { 'x-request-id': requestId, 'x-forwarded-for': req.ip ?? '' };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    if (req.headers['transfer-encoding']) headers['transfer-encoding'] = String(req.headers['transfer-encoding']);
    // The delivery continues the request's trace in Workflow (the caller's traceparent is not forwarded raw).
    injectTraceContext({ set: (name, value) => (headers[name] = value) });
    const target = new URL(`/webhooks/${encodeURIComponent(String(req.params.triggerId))}`, options.upstreamOrigin);
    const upstream = http.request(target, { method: 'POST', headers, timeout: timeoutMs }, (answer) => {
      res.status(answer.statusCode ?? 502);
      for (const name of FORWARDED_RESPONSE_HEADERS) {
        const value = answer.headers[name];
        if (typeof value === 'string') res.setHeader(name, value);
      }
      answer.pipe(res);
    });
    const fail = (error: Error) => {
      if (!res.headersSent) return sendUnexpectedError(res, error, requestId, options.logger, 'webhook proxy failed');
      options.logger.error({ err: error, request_id: requestId }, 'webhook proxy failed');
      res.destroy();
    };
    upstream.on('timeout', () => upstream.destroy(new TimeoutError(`webhook receiver took more than ${timeoutMs} ms`)));
    upstream.on('error', fail);
    req.pipe(upstream);
  };
}
