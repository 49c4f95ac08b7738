import type { NextFunction, Request, Response } from 'express';
import { httpStatusOf } from '@flowgraph/kernel';
import {
  TrustedDocumentRefusal,
  trustedDocumentResolver,
  type ClientIdentity,
  type OperationParams,
  type TrustedDocumentResolverOptions,
} from './resolver';

export { loadManifestStore, type ManifestStore, type ManifestStoreOptions } from './manifest-store';
export {
  TrustedDocumentReason,
  TrustedDocumentRefusal,
  trustedDocumentResolver,
  trustedDocumentsModes,
  type ClientIdentity,
  type OperationParams,
  type TrustedDocumentsMode,
} from './resolver';

/** Options of the HTTP middleware: those of `trustedDocumentResolver` (mode default: `log`). */
export type TrustedDocumentsOptions = TrustedDocumentResolverOptions;

function refuse(res: Response, refusal: TrustedDocumentRefusal): void {
  res.status(httpStatusOf[refusal.code]).json({
    errors: [
      { message: refusal.message, extensions: { code: refusal.code, reason: refusal.reason, request_id: res.locals.requestId as string } },
    ],
  });
}

/**
 * Express middleware, between body parsing and Apollo: applies `trustedDocumentResolver` to the
 * GET parameters or to each operation of a POST body, rewriting the request Apollo then reads,
 * or answering a refusal itself (before any parsing: an untrusted operation costs nothing more).
 * Needs `authentication()` mounted before it.
 */
export function trustedDocuments(options: TrustedDocumentsOptions) {
  const resolve = trustedDocumentResolver(options);
  return (req: Request, res: Response, next: NextFunction): void => {
    const identity = res.locals.identity as ClientIdentity | undefined;
    const requestId = res.locals.requestId as string;
    if (req.method === 'GET') {
      const url = new URL(req.url, 'http://gateway.invalid');
      const params: OperationParams = Object.fromEntries(url.searchParams);
      if (typeof params.extensions === 'string') {
        try {
          params.extensions = JSON.parse(params.extensions);
        } catch {
          // Left as is: Apollo answers malformed `extensions` with 400.
        }
      }
      const resolved = resolve(params, identity, requestId);
      if (resolved instanceof TrustedDocumentRefusal) return refuse(res, resolved);
      if (resolved !== params) {
        const search = new URLSearchParams();
        for (const [key, value] of Object.entries(resolved)) search.set(key, typeof value === 'string' ? value : JSON.stringify(value));
        req.url = `${url.pathname}?${search.toString()}`;
      }
      return next();
    }
    if (req.method === 'POST') {
      const body: unknown = req.body;
      const batch: unknown[] = Array.isArray(body) ? body : [body];
      const resolved = batch.map((item) => {
        const params: OperationParams = typeof item === 'object' && item !== null ? (item as OperationParams) : {};
        const result = resolve(params, identity, requestId);
        return result === params ? item : result;
      });
      const refusal = resolved.find((r): r is TrustedDocumentRefusal => r instanceof TrustedDocumentRefusal);
      if (refusal) return refuse(res, refusal);
      // Rewrite only what changed: Apollo answers anything else (no body, bad shapes) itself.
      if (resolved.some((r, i) => r !== batch[i])) req.body = Array.isArray(body) ? resolved : resolved[0];
      return next();
    }
    next();
  };
}
