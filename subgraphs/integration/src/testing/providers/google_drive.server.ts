import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { startProviderServer, type ProviderServer } from './provider-server';

export interface DriveFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  modifiedTime: string;
  content: Buffer;
}

export interface GoogleDriveServerOptions {
  /** The access token the server accepts; anything else answers 401 authError. */
  token: string;
  /** Folder ids uploads may name as parents; others answer 404 notFound. */
  folders?: string[];
  /** Folder ids the user may see but not add to: uploads there answer 403 insufficientFilePermissions. */
  readOnlyFolders?: string[];
}

export interface GoogleDriveServer extends ProviderServer {
  /** Files stored, in upload order (tests may add some before listing). */
  files: DriveFile[];
  /** Makes the next `count` calls answer 429 rateLimitExceeded with `Retry-After: seconds`. */
  rateLimitNext(count: number, seconds: number): void;
  /** Makes the next `count` calls answer 403 userRateLimitExceeded, Drive's per-user quota answer (no Retry-After). */
  userRateLimitNext(count: number): void;
}

/** Google's JSON error body with one `errors[]` entry. */
const googleError = (res: Response, status: number, reason: string, message: string, location?: string) =>
  void res.status(status).json({
    error: {
      code: status,
      message,
      errors: [
        { domain: /rateLimitExceeded$/i.test(reason) ? 'usageLimits' : 'global', reason, message, ...(location ? { location } : {}) },
      ],
    },
  });

/** The parts of a multipart/related body, each with its headers and bytes. */
function multipartParts(body: Buffer, contentType: string | undefined): { headers: Record<string, string>; content: Buffer }[] | undefined {
  const boundary = /^multipart\/related;\s*boundary=("?)([^";]+)\1$/i.exec(contentType ?? '')?.[2];
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { headers: Record<string, string>; content: Buffer }[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') return parts;
    const next = body.indexOf(delimiter, start);
    if (next === -1) return undefined;
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split === -1) return undefined;
    const headers: Record<string, string> = {};
    for (const line of part.subarray(0, split).toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, content: part.subarray(split + 4) });
    at = next;
  }
  return undefined;
}

/** The subset of Drive's query language the tests use: `name contains`, `name =`, `mimeType =`, `'<id>' in parents`, joined by `and`. */
function matcher(q: string): ((file: DriveFile) => boolean) | undefined {
  const tests: ((file: DriveFile) => boolean)[] = [];
  for (const clause of q.split(/\s+and\s+/i)) {
    const field = /^(name|mimeType)\s*(=|contains)\s*'((?:[^'\\]|\\.)*)'$/.exec(clause.trim());
    const parent = /^'([^']+)'\s+in\s+parents$/.exec(clause.trim());
    if (field) {
      const [, name, op, raw] = field;
      const value = raw!.replace(/\\(.)/g, '$1');
      const of = (file: DriveFile) => (name === 'name' ? file.name : file.mimeType);
      tests.push(op === '=' ? (file) => of(file) === value : (file) => of(file).includes(value));
    } else if (parent) tests.push((file) => file.parents.includes(parent[1]!));
    else return undefined;
  }
  return (file) => tests.every((test) => test(file));
}

/**
 * A local Google Drive API v3: bearer auth, multipart uploads under /upload, files.list with
 * q/pageSize/pageToken, Google error bodies, 429 with Retry-After and 403 userRateLimitExceeded.
 */
export async function startGoogleDriveServer(options: GoogleDriveServerOptions): Promise<GoogleDriveServer> {
  const files: DriveFile[] = [];
  let limited = { count: 0, seconds: 1 };
  let userLimited = 0;
  const server = await startProviderServer((app) => {
    app.use((req: Request, res: Response, next) => {
      if (limited.count > 0) {
        limited.count -= 1;
        res.setHeader('retry-after', String(limited.seconds));
        return googleError(res, 429, 'rateLimitExceeded', 'Rate Limit Exceeded');
      }
      if (userLimited > 0) {
        userLimited -= 1;
        return googleError(res, 403, 'userRateLimitExceeded', 'User Rate Limit Exceeded');
      }
      if (req.headers.authorization !== `Bearer ${options.token}`)
        return googleError(res, 401, 'authError', 'Invalid Credentials', 'Authorization');
      next();
    });
    app.get('/drive/v3/about', (req: Request, res: Response) => {
      if (!req.query.fields) return googleError(res, 400, 'required', "The 'fields' parameter is required for this method.", 'fields');
      res.json({ user: { kind: 'drive#user', displayName: 'Flowgraph Test', emailAddress: 'flowgraph@example.com', me: true } });
    });
    app.post('/upload/drive/v3/files', (req: Request, res: Response) => {
      if (req.query.uploadType !== 'multipart') return googleError(res, 400, 'invalid', 'Invalid uploadType', 'uploadType');
      const parts = multipartParts(req.body as Buffer, req.headers['content-type']);
      if (parts?.length !== 2 || !parts[0]!.headers['content-type']?.startsWith('application/json')) {
        return googleError(res, 400, 'badContent', 'Invalid multipart request');
      }
      const metadata = JSON.parse(parts[0]!.content.toString('utf8')) as { name?: string; mimeType?: string; parents?: string[] };
      const parents = metadata.parents ?? ['root'];
      const readOnly = parents.find((id) => options.readOnlyFolders?.includes(id));
      if (readOnly)
        return googleError(res, 403, 'insufficientFilePermissions', 'The user does not have sufficient permissions for this file.');
      const unknown = parents.find((id) => id !== 'root' && !options.folders?.includes(id));
      if (unknown) return googleError(res, 404, 'notFound', `File not found: ${unknown}.`, 'fileId');
      const file: DriveFile = {
        id: randomUUID().replace(/-/g, ''),
        name: metadata.name ?? 'Untitled',
        mimeType: metadata.mimeType ?? parts[1]!.headers['content-type'] ?? 'application/octet-stream',
        parents,
        modifiedTime: new Date().toISOString(),
        content: parts[1]!.content,
      };
      files.push(file);
      res.json({ kind: 'drive#file', id: file.id, name: file.name, mimeType: file.mimeType });
    });
    app.get('/drive/v3/files', (req: Request, res: Response) => {
      const pageSize = Number(req.query.pageSize ?? 100);
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
        return googleError(res, 400, 'invalid', 'Invalid Value', 'pageSize');
      const matches = typeof req.query.q === 'string' ? matcher(req.query.q) : () => true;
      if (!matches) return googleError(res, 400, 'invalid', 'Invalid Value', 'q');
      const offset = Number(req.query.pageToken ?? 0);
      const found = files.filter(matches);
      const page = found.slice(offset, offset + pageSize);
      res.json({
        kind: 'drive#fileList',
        incompleteSearch: false,
        ...(offset + pageSize < found.length ? { nextPageToken: String(offset + pageSize) } : {}),
        files: page.map(({ id, name, mimeType, parents, modifiedTime }) => ({
          kind: 'drive#file',
          id,
          name,
          mimeType,
          parents,
          modifiedTime,
        })),
      });
    });
  });
  return {
    ...server,
    files,
    rateLimitNext(count, seconds) {
      limited = { count, seconds };
    },
    userRateLimitNext(count) {
      userLimited = count;
    },
  };
}
