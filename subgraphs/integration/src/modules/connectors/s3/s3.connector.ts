import { GetObjectCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { defineAction, type Connector, type ProviderCall } from '../connector';
import { ProviderError } from '../provider-errors';
import { PROVIDER_TIMEOUT_MS } from '../provider-http';
import { s3ErrorToProviderError } from './s3-errors';

/** GetObject answers larger than this are refused: the body travels inside a workflow step's output. */
export const MAX_S3_OBJECT_BYTES = 5 * 1024 * 1024;
/** The SDK's regional endpoint is used unless `CONNECTOR_S3_API_URL` points elsewhere. */
const DEFAULT_ENDPOINT = 'https://s3.amazonaws.com';

const s3Keys = z.object({
  accessKeyId: z.string().min(16).max(128),
  secretAccessKey: z.string().min(1).max(256),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region such as eu-west-1'),
  sessionToken: z.string().min(1).optional(),
});

/** Bucket naming rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html), in short. */
const bucket = z
  .string()
  .min(3)
  .max(63)
  .regex(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, 'a bucket name (lower-case letters, digits, dots and hyphens)');
/** Object keys are at most 1024 bytes of UTF-8. */
const key = z
  .string()
  .min(1)
  .refine((text) => Buffer.byteLength(text) <= 1024, 'at most 1024 bytes');

/**
 * A client signed with the account's keys. It never retries by itself (maxAttempts 1): the
 * Integration service decides retries, with the rate limiter and circuit breaker in view.
 */
function clientFor(call: ProviderCall): S3Client {
  if (call.credentials.kind !== 'api_key') throw new ProviderError('unauthorized', 'S3 needs an access key');
  const keys = s3Keys.safeParse(call.credentials.values);
  if (!keys.success) throw new ProviderError('unauthorized', 'S3 credentials are incomplete (access key id, secret, region)');
  const endpoint = call.http.endpoint('api');
  return new S3Client({
    region: keys.data.region,
    credentials: { accessKeyId: keys.data.accessKeyId, secretAccessKey: keys.data.secretAccessKey, sessionToken: keys.data.sessionToken },
    maxAttempts: 1,
    requestHandler: { requestTimeout: PROVIDER_TIMEOUT_MS, connectionTimeout: PROVIDER_TIMEOUT_MS },
    // A local or S3-compatible endpoint has no bucket subdomains: address buckets by path there.
    ...(endpoint === DEFAULT_ENDPOINT ? {} : { endpoint, forcePathStyle: true }),
  });
}

/** Runs one S3 operation with a fresh client, turning SDK errors into ProviderErrors. */
async function withClient<T>(call: ProviderCall, operation: (client: S3Client) => Promise<T>): Promise<T> {
  const client = clientFor(call);
  try {
    return await operation(client);
  } catch (error) {
    if (call.signal.aborted) throw error;
    throw s3ErrorToProviderError(error);
  } finally {
    client.destroy();
  }
}

const putObject = defineAction({
  description: 'Stores an object, replacing any object under the same key (PutObject).',
  input: z.object({
    bucket,
    key,
    body: z.string().max(MAX_S3_OBJECT_BYTES * 2),
    /** `base64` for binary content. */
    encoding: z.enum(['text', 'base64']).default('text'),
    contentType: z.string().min(1).max(200).optional(),
  }),
  output: z.object({ etag: z.string(), versionId: z.string().nullable() }),
  // An overwrite: a repeat leaves the same object in place.
  idempotent: true,
  async run(call) {
    const { input } = call;
    const body = input.encoding === 'base64' ? Buffer.from(input.body, 'base64') : Buffer.from(input.body, 'utf8');
    const answer = await withClient(call, (client) =>
      client.send(new PutObjectCommand({ Bucket: input.bucket, Key: input.key, Body: body, ContentType: input.contentType }), {
        abortSignal: call.signal,
      }),
    );
    return { etag: answer.ETag ?? '', versionId: answer.VersionId ?? null };
  },
});

/** Text when the bytes are valid UTF-8, else base64, so binary objects survive JSON. */
function bodyOf(bytes: Uint8Array): { body: string; encoding: 'text' | 'base64' } {
  try {
    return { body: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'text' };
  } catch {
    return { body: Buffer.from(bytes).toString('base64'), encoding: 'base64' };
  }
}

async function readCapped(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.byteLength;
    if (size > MAX_S3_OBJECT_BYTES) throw new ProviderError('rejected', `S3 object larger than ${MAX_S3_OBJECT_BYTES} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

const getObject = defineAction({
  description: 'Reads an object (GetObject): its body as text when it is UTF-8, else base64; at most 5 MiB.',
  input: z.object({ bucket, key }),
  output: z.object({
    body: z.string(),
    encoding: z.enum(['text', 'base64']),
    contentType: z.string().nullable(),
    etag: z.string(),
    lastModified: z.string().nullable(),
  }),
  idempotent: true,
  async run(call) {
    return withClient(call, async (client) => {
      const answer = await client.send(new GetObjectCommand({ Bucket: call.input.bucket, Key: call.input.key }), {
        abortSignal: call.signal,
      });
      const stream = answer.Body as (AsyncIterable<Uint8Array> & { destroy?: () => void }) | undefined;
      // Refused before reading when S3 says how large it is; the reading cap catches the rest.
      if ((answer.ContentLength ?? 0) > MAX_S3_OBJECT_BYTES) {
        stream?.destroy?.();
        throw new ProviderError('rejected', `S3 object is ${answer.ContentLength} bytes, more than ${MAX_S3_OBJECT_BYTES}`);
      }
      const bytes = stream ? await readCapped(stream) : Buffer.alloc(0);
      return {
        ...bodyOf(bytes),
        contentType: answer.ContentType ?? null,
        etag: answer.ETag ?? '',
        lastModified: answer.LastModified?.toISOString() ?? null,
      };
    });
  },
});

export const s3Connector: Connector = {
  id: 's3',
  displayName: 'Amazon S3',
  auth: {
    kind: 'api_key',
    fieldNames: ['accessKeyId', 'secretAccessKey', 'region', 'sessionToken'],
    fields: s3Keys as z.ZodType<Record<string, string>>,
  },
  endpoints: { api: DEFAULT_ENDPOINT },
  actions: { put_object: putObject, get_object: getObject },
  // S3 sustains 3,500 writes and 5,500 reads per second per prefix; a bucket shared by a whole
  // account is kept well below, leaving room for other clients of it.
  rateLimit: { requests: 100, perSeconds: 1 },
  async healthCheck(call) {
    // ListBuckets needs nothing but working keys (and s3:ListAllMyBuckets).
    await withClient(call, (client) => client.send(new ListBucketsCommand({}), { abortSignal: call.signal }));
  },
};
