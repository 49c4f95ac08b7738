import { createHash, randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { startProviderServer, type ProviderServer } from './provider-server';

export interface DropboxFile {
  id: string;
  name: string;
  pathDisplay: string;
  rev: string;
  content: Buffer;
}

export interface DropboxServerOptions {
  /** The access token the server accepts; anything else answers 401 invalid_access_token. */
  token: string;
  /** A token that answers 401 expired_access_token, as an access token past its four hours does. */
  expiredToken?: string;
  /** Leave the metadata out of shared_link_already_exists, which Dropbox may do. */
  omitExistingLinkMetadata?: boolean;
}

export interface DropboxServer extends ProviderServer {
  /** Files by lower-cased path. */
  files: Map<string, DropboxFile>;
  /** Shared links by lower-cased path. */
  links: Map<string, string>;
  /** Makes the next `count` calls answer 429 too_many_requests with `Retry-After: seconds`. */
  rateLimitNext(count: number, seconds: number): void;
}

/** Dropbox's error body: `{ error_summary, error }`, the summary being the tag chain with a trailing `/…`. */
const dropboxError = (res: Response, status: number, summary: string, error: unknown) =>
  void res.status(status).json({ error_summary: `${summary}/..${randomUUID().slice(0, 3)}`, error });

/** Bad input answers 400 with plain text, not JSON. */
const badInput = (res: Response, endpoint: string, text: string) =>
  void res.status(400).type('text/plain').send(`Error in call to API function "${endpoint}": ${text}`);

const rpcArgument = (req: Request): unknown => JSON.parse((req.body as Buffer).toString('utf8'));

/**
 * A local Dropbox API v2 (RPC endpoints and the content upload on one server): bearer auth,
 * `Dropbox-API-Arg` that must be ASCII, 409 endpoint errors, plain-text 400s, 401
 * invalid/expired_access_token, 429 with Retry-After.
 */
export async function startDropboxServer(options: DropboxServerOptions): Promise<DropboxServer> {
  const files = new Map<string, DropboxFile>();
  const links = new Map<string, string>();
  let limited = { count: 0, seconds: 1 };
  const linkMetadata = (file: DropboxFile) => ({
    '.tag': 'file',
    url: links.get(file.pathDisplay.toLowerCase()),
    id: file.id,
    name: file.name,
    path_lower: file.pathDisplay.toLowerCase(),
    link_permissions: { can_revoke: true, resolved_visibility: { '.tag': 'public' } },
    rev: file.rev,
    size: file.content.length,
  });
  const server = await startProviderServer((app) => {
    app.use((req: Request, res: Response, next) => {
      if (limited.count > 0) {
        limited.count -= 1;
        res.setHeader('retry-after', String(limited.seconds));
        return dropboxError(res, 429, 'too_many_requests', { reason: { '.tag': 'too_many_requests' }, retry_after: limited.seconds });
      }
      if (options.expiredToken && req.headers.authorization === `Bearer ${options.expiredToken}`) {
        return dropboxError(res, 401, 'expired_access_token', { '.tag': 'expired_access_token' });
      }
      if (req.headers.authorization !== `Bearer ${options.token}`)
        return dropboxError(res, 401, 'invalid_access_token', { '.tag': 'invalid_access_token' });
      if (req.path !== '/2/files/upload' && !req.headers['content-type']?.startsWith('application/json')) {
        return badInput(res, req.path.slice(3), 'Bad HTTP "Content-Type" header. Expecting "application/json".');
      }
      next();
    });
    app.post('/2/users/get_current_account', (req: Request, res: Response) => {
      if (rpcArgument(req) !== null) return badInput(res, 'users/get_current_account', 'request body: expected null');
      res.json({ account_id: 'dbid:AAflowgraph', name: { display_name: 'Flowgraph Test' }, email: 'flowgraph@example.com' });
    });
    app.post('/2/files/upload', (req: Request, res: Response) => {
      if (req.headers['content-type'] !== 'application/octet-stream') {
        return badInput(res, 'files/upload', 'Bad HTTP "Content-Type" header. Expecting "application/octet-stream".');
      }
      const header = req.headers['dropbox-api-arg'];
      if (typeof header !== 'string' || /[^\x20-\x7e]/.test(header)) {
        return badInput(res, 'files/upload', 'HTTP header "Dropbox-API-Arg": could not decode input as JSON');
      }
      const arg = JSON.parse(header) as { path: string; mode?: string; autorename?: boolean };
      let path = arg.path;
      const existing = files.get(path.toLowerCase());
      if (existing && arg.mode !== 'overwrite') {
        if (!arg.autorename) {
          return dropboxError(res, 409, 'path/conflict/file', {
            '.tag': 'path',
            path: { reason: { '.tag': 'conflict', conflict: { '.tag': 'file' } }, upload_session_id: randomUUID() },
          });
        }
        const dot = arg.path.lastIndexOf('.') > arg.path.lastIndexOf('/') ? arg.path.lastIndexOf('.') : arg.path.length;
        for (let n = 1; files.has(path.toLowerCase()); n += 1) path = `${arg.path.slice(0, dot)} (${n})${arg.path.slice(dot)}`;
      }
      const file: DropboxFile = {
        id: existing && arg.mode === 'overwrite' ? existing.id : `id:${randomUUID().slice(0, 12)}`,
        name: path.slice(path.lastIndexOf('/') + 1),
        pathDisplay: path,
        rev: randomUUID().replace(/-/g, '').slice(0, 15),
        content: req.body as Buffer,
      };
      files.set(path.toLowerCase(), file);
      const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      res.json({
        name: file.name,
        id: file.id,
        client_modified: now,
        server_modified: now,
        rev: file.rev,
        size: file.content.length,
        path_lower: path.toLowerCase(),
        path_display: path,
        is_downloadable: true,
        content_hash: createHash('sha256').update(file.content).digest('hex'),
      });
    });
    app.post('/2/sharing/create_shared_link_with_settings', (req: Request, res: Response) => {
      const { path } = rpcArgument(req) as { path: string };
      const file = files.get(path.toLowerCase());
      if (!file) return dropboxError(res, 409, 'path/not_found', { '.tag': 'path', path: { '.tag': 'not_found' } });
      if (links.has(path.toLowerCase())) {
        return dropboxError(res, 409, 'shared_link_already_exists', {
          '.tag': 'shared_link_already_exists',
          ...(options.omitExistingLinkMetadata ? {} : { shared_link_already_exists: { '.tag': 'metadata', metadata: linkMetadata(file) } }),
        });
      }
      links.set(
        path.toLowerCase(),
        `https://www.dropbox.com/scl/fi/${randomUUID().slice(0, 8)}/${encodeURIComponent(file.name)}?rlkey=${randomUUID().slice(0, 8)}&dl=0`,
      );
      res.json(linkMetadata(file));
    });
    app.post('/2/sharing/list_shared_links', (req: Request, res: Response) => {
      const { path } = rpcArgument(req) as { path: string };
      const file = files.get(path.toLowerCase());
      res.json({ links: file && links.has(path.toLowerCase()) ? [linkMetadata(file)] : [], has_more: false });
    });
  });
  return {
    ...server,
    files,
    links,
    rateLimitNext(count, seconds) {
      limited = { count, seconds };
    },
  };
}
