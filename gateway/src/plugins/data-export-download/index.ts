import type { Request, Response } from 'express';
import { DATA_EXPORT_DOWNLOAD_PATH, dataExportDownloadRequest, dataExportDownloadResponse } from '@flowgraph/contracts';
import {
  ErrorCode,
  InternalCallError,
  httpStatusOf,
  internalClient,
  sendUnexpectedError,
  type Identity,
  type Logger,
} from '@flowgraph/kernel';
import { respondUnavailable } from '../unavailable';

export interface DataExportDownloadOptions {
  /** Core's origin (CORE_ORIGIN): Core holds the archives and checks the links. */
  coreOrigin: string;
  identitySecret: string;
  logger: Logger;
  /** Give up on Core after this long. Default: 30,000 ms (an archive is one row, but can be large). */
  timeoutMs?: number;
  /** Injected for tests. Default: the global `fetch`. */
  fetch?: typeof fetch;
}

function refuse(res: Response, code: ErrorCode, message: string): void {
  res.status(httpStatusOf[code]).json({ error: { code, message, request_id: res.locals.requestId as string } });
}

/**
 * Express handler for `GET /data-exports/:requestId?expires&signature` (mount it after
 * `authentication`): the caller's export archive, once, as a JSON attachment. Core checks that
 * the link was signed for this caller and has not expired, and hands the archive out once;
 * anything else is 404. Anonymous callers get 401.
 */
export function dataExportDownload(options: DataExportDownloadOptions) {
  const core = internalClient({
    name: 'Core',
    origin: options.coreOrigin,
    identitySecret: options.identitySecret,
    timeoutMs: options.timeoutMs ?? 30_000,
    fetch: options.fetch,
    injectTraceContext: true,
  });
  return async (req: Request, res: Response): Promise<void> => {
    const identity = res.locals.identity as Identity;
    if (!identity.userId) return refuse(res, ErrorCode.UNAUTHENTICATED, 'Sign in to download your export');
    const link = dataExportDownloadRequest.safeParse({
      requestId: req.params.requestId,
      expires: req.query.expires,
      signature: req.query.signature,
    });
    if (!link.success) return refuse(res, ErrorCode.NOT_FOUND, 'Export not found');
    try {
      const answer = await core.call({
        method: 'POST',
        path: DATA_EXPORT_DOWNLOAD_PATH,
        body: link.data,
        identity,
        response: dataExportDownloadResponse,
      });
      res.setHeader('content-disposition', `attachment; filename="${answer.fileName}"`);
      res.setHeader('cache-control', 'no-store');
      res.json(answer.archive);
    } catch (error) {
      if (error instanceof InternalCallError && error.unreachable) return respondUnavailable(res);
      if (error instanceof InternalCallError && error.status === 404) return refuse(res, ErrorCode.NOT_FOUND, 'Export not found');
      sendUnexpectedError(res, error, String(res.locals.requestId ?? ''), options.logger, 'data export download failed');
    }
  };
}
