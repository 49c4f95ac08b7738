import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { startProviderServer, type ProviderServer } from './provider-server';
import { signatureFault, type S3Credentials } from './s3-signature';

export interface S3ServerOptions {
  /** The only key pair it accepts; every request's SigV4 signature is recomputed with it. */
  credentials: S3Credentials;
  /** Buckets that exist from the start. */
  buckets: string[];
}

export interface S3Object {
  body: Buffer;
  contentType: string;
  etag: string;
  lastModified: Date;
}

export interface S3Server extends ProviderServer {
  /** Stored objects by bucket, then key. */
  objects: Map<string, Map<string, S3Object>>;
  /**
   * Makes the next `count` requests answer 503 SlowDown, as S3 does under load. S3 itself sends no
   * Retry-After; `seconds`, when given, adds one (as proxies and S3-compatible stores may).
   */
  rateLimitNext(count: number, seconds?: number): void;
}

const xmlEscape = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** S3's error shape: an `<Error>` document (none for HEAD), with the request id also as a header. */
function sendError(req: Request, res: Response, status: number, code: string, message: string): void {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  res.status(status).setHeader('x-amz-request-id', requestId);
  if (req.method === 'HEAD') return void res.end();
  res
    .type('application/xml')
    .send(
      `${XML_DECLARATION}<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message><Resource>${xmlEscape(req.path)}</Resource><RequestId>${requestId}</RequestId></Error>`,
    );
}

/**
 * A local S3 REST API (https://docs.aws.amazon.com/AmazonS3/latest/API/): path-style
 * `/{bucket}/{key}` addressing, SigV4 verified for real, PutObject / GetObject / ListBuckets /
 * HeadBucket, XML error documents, ETag as the quoted MD5 of the body, 503 SlowDown.
 */
export async function startS3Server(options: S3ServerOptions): Promise<S3Server> {
  const objects = new Map(options.buckets.map((bucket) => [bucket, new Map<string, S3Object>()]));
  const created = new Date();
  let limited = { count: 0, seconds: undefined as number | undefined };
  const server = await startProviderServer((app) => {
    app.use((req: Request, res: Response) => {
      if (limited.count > 0) {
        limited.count -= 1;
        if (limited.seconds !== undefined) res.setHeader('retry-after', String(limited.seconds));
        return sendError(req, res, 503, 'SlowDown', 'Please reduce your request rate.');
      }
      const body = req.body as Buffer;
      const fault = signatureFault(req, body, options.credentials);
      if (fault) return sendError(req, res, fault.status, fault.code, fault.message);
      const [bucket, ...keyParts] = req.path.slice(1).split('/').map(decodeURIComponent);
      const key = keyParts.join('/');
      if (!bucket) {
        if (req.method !== 'GET')
          return sendError(req, res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
        const list = [...objects.keys()]
          .map((name) => `<Bucket><Name>${xmlEscape(name)}</Name><CreationDate>${created.toISOString()}</CreationDate></Bucket>`)
          .join('');
        return void res
          .type('application/xml')
          .send(
            `${XML_DECLARATION}<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>local</ID><DisplayName>local</DisplayName></Owner><Buckets>${list}</Buckets></ListAllMyBucketsResult>`,
          );
      }
      const stored = objects.get(bucket);
      if (!stored) return sendError(req, res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
      if (!key) {
        if (req.method === 'HEAD') return void res.status(200).end();
        return sendError(req, res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
      }
      if (req.method === 'PUT') {
        const etag = `"${createHash('md5').update(body).digest('hex')}"`;
        stored.set(key, { body, contentType: req.headers['content-type'] ?? 'binary/octet-stream', etag, lastModified: new Date() });
        return void res.status(200).setHeader('etag', etag).end();
      }
      if (req.method === 'GET' || req.method === 'HEAD') {
        const object = stored.get(key);
        if (!object) return sendError(req, res, 404, 'NoSuchKey', 'The specified key does not exist.');
        res
          .status(200)
          .setHeader('content-type', object.contentType)
          .setHeader('etag', object.etag)
          .setHeader('last-modified', object.lastModified.toUTCString());
        return void (req.method === 'HEAD' ? res.setHeader('content-length', object.body.length).end() : res.send(object.body));
      }
      sendError(req, res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    });
  });
  return {
    ...server,
    objects,
    rateLimitNext(count, seconds) {
      limited = { count, seconds };
    },
  };
}
