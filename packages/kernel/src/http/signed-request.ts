import express, { type Request, type RequestHandler } from 'express';
import { verifyIdentity, type Identity } from '../identity';

type WithBodyBytes = Request & { bodyBytes?: Buffer };

/** `express.json` that also keeps the bytes it parsed, which the request's signature covers. */
export function jsonKeepingBytes(options: { limit: string }): RequestHandler {
  return express.json({
    limit: options.limit,
    verify: (req, _res, bytes) => {
      (req as WithBodyBytes).bodyBytes = bytes;
    },
  });
}

/**
 * The signed identity `req` carries, checked against `req` itself: its method, path and query,
 * and the body bytes `jsonKeepingBytes` kept (none when it read no body). Throws IdentityError.
 */
export function verifyRequestIdentity(req: Request, secret: string): Identity {
  return verifyIdentity(req.headers, secret, { method: req.method, target: req.originalUrl, body: (req as WithBodyBytes).bodyBytes });
}
