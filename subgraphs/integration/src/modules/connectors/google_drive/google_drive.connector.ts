import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineAction, type Connector, type ProviderCall } from '../connector';
import { isProviderError, ProviderError } from '../provider-errors';
import type { ProviderRequest } from '../provider-http';
import { bytesOf, fileContentFields, notBase64, validBase64 } from '../file-content';

/** Google's error body (https://developers.google.com/drive/api/guides/handle-errors). */
const googleError = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string(),
    errors: z.array(z.object({ reason: z.string().optional() })).optional(),
  }),
});

/** Reasons Drive gives to a 403 that is a quota, not a permission (handle-errors: "403: User rate limit exceeded"). */
const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);
/** A quota 403 carries no Retry-After; Google asks for exponential backoff, which starts from this wait. */
const QUOTA_BACKOFF_MS = 5_000;

const reasonOf = (body: unknown) => googleError.safeParse(body).data?.error.errors?.[0]?.reason;

/** Calls Drive with the account's token; a 403 quota answer becomes `rate_limited` like a 429. */
async function callDrive(call: ProviderCall, request: ProviderRequest): Promise<unknown> {
  if (call.credentials.kind !== 'oauth2') throw new ProviderError('unauthorized', 'Google Drive needs an OAuth token');
  try {
    const response = await call.http.request(
      { ...request, headers: { authorization: `Bearer ${call.credentials.accessToken}`, ...request.headers } },
      call.signal,
    );
    return response.json;
  } catch (error) {
    if (isProviderError(error, 'rejected') && error.status === 403 && RATE_LIMIT_REASONS.has(reasonOf(error.body) ?? '')) {
      throw new ProviderError('rate_limited', error.message, error.status, QUOTA_BACKOFF_MS, error.body);
    }
    throw error;
  }
}

/** A bare `type/subtype`: it becomes a header line of the multipart body, so nothing else may ride in it. */
const mimeType = z
  .string()
  .max(255)
  .regex(/^[\w!#$&^.+-]+\/[\w!#$&^.+-]+$/, 'a MIME type like text/plain');

const driveFile = z.object({ id: z.string(), name: z.string(), mimeType: z.string() }).passthrough();

/** multipart/related: the JSON metadata part, then the content part (Drive's "multipart upload"). */
function multipartBody(metadata: Record<string, unknown>, contentType: string, content: Buffer) {
  const boundary = `flowgraph-${randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(metadata)}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Type: ${contentType}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/related; boundary=${boundary}` };
}

const uploadFile = defineAction({
  description: 'Uploads a file (files.create with uploadType=multipart), into a folder when folderId is given.',
  input: z
    .object({ name: z.string().min(1).max(1_000), ...fileContentFields, mimeType, folderId: z.string().min(1).max(200).optional() })
    .refine(validBase64, notBase64),
  output: z.object({ id: z.string(), name: z.string(), mimeType: z.string() }),
  // Every files.create makes a new file and Drive honours no idempotency key: run once per step.
  idempotent: false,
  async run(call) {
    const { name, folderId } = call.input;
    const metadata = { name, mimeType: call.input.mimeType, ...(folderId ? { parents: [folderId] } : {}) };
    const multipart = multipartBody(metadata, call.input.mimeType, bytesOf(call.input));
    const file = driveFile.parse(
      await callDrive(call, {
        endpoint: 'upload',
        method: 'POST',
        path: '/drive/v3/files',
        query: { uploadType: 'multipart', fields: 'id,name,mimeType' },
        headers: { 'content-type': multipart.contentType },
        body: multipart.body,
      }),
    );
    return { id: file.id, name: file.name, mimeType: file.mimeType };
  },
});

const listedFile = driveFile.extend({ modifiedTime: z.string().optional(), parents: z.array(z.string()).optional() });

const listFiles = defineAction({
  description:
    "Lists files (files.list) matching a Drive query such as `name contains 'report'`; the drive.file scope sees only files this app created or was given.",
  input: z.object({
    q: z.string().max(2_000).optional(),
    pageSize: z.number().int().min(1).max(100).default(100),
    pageToken: z.string().max(2_000).optional(),
  }),
  output: z.object({
    files: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        mimeType: z.string(),
        modifiedTime: z.string().nullable(),
        parents: z.array(z.string()),
      }),
    ),
    nextPageToken: z.string().nullable(),
  }),
  idempotent: true,
  async run(call) {
    const answer = z.object({ files: z.array(listedFile), nextPageToken: z.string().optional() }).parse(
      await callDrive(call, {
        endpoint: 'api',
        method: 'GET',
        path: '/drive/v3/files',
        query: {
          q: call.input.q,
          pageSize: call.input.pageSize,
          pageToken: call.input.pageToken,
          fields: 'nextPageToken,files(id,name,mimeType,modifiedTime,parents)',
        },
      }),
    );
    return {
      files: answer.files.map((file) => ({
        id: file.id,
        name: file.name,
        mimeType: file.mimeType,
        modifiedTime: file.modifiedTime ?? null,
        parents: file.parents ?? [],
      })),
      nextPageToken: answer.nextPageToken ?? null,
    };
  },
});

export const googleDriveConnector: Connector = {
  id: 'google_drive',
  displayName: 'Google Drive',
  auth: {
    kind: 'oauth2',
    authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    revokeUrl: 'https://oauth2.googleapis.com/revoke',
    scopes: ['https://www.googleapis.com/auth/drive.file'],
    // Without these Google issues no refresh token (or none on a second consent).
    authorizeParams: { access_type: 'offline', prompt: 'consent' },
  },
  endpoints: { api: 'https://www.googleapis.com', upload: 'https://www.googleapis.com/upload' },
  actions: { upload_file: uploadFile, list_files: listFiles },
  // Drive's usage limits throttle sustained writes above about 3 a second per user; reads share this limiter.
  rateLimit: { requests: 3, perSeconds: 1 },
  errorMessage(body) {
    const parsed = googleError.safeParse(body);
    if (!parsed.success) return undefined;
    const reason = parsed.data.error.errors?.[0]?.reason;
    return reason ? `${parsed.data.error.message} (${reason})` : parsed.data.error.message;
  },
  async healthCheck(call) {
    await callDrive(call, { endpoint: 'api', method: 'GET', path: '/drive/v3/about', query: { fields: 'user' } });
  },
};
