import { createHash } from 'node:crypto';
import { s3Connector } from '../../src/modules/connectors/s3/s3.connector';
import { providerHttpFor } from '../../src/modules/connectors/registry';
import { ProviderError } from '../../src/modules/connectors/provider-errors';
import { startS3Server, type S3Server } from '../../src/testing';

describe('S3 connector against a local S3 that verifies SigV4', () => {
  const keys = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'eu-west-1' };
  let s3: S3Server;
  const call = (values: Record<string, string>) => ({
    credentials: { kind: 'api_key' as const, values },
    http: providerHttpFor(s3Connector, { api: s3.url }),
    signal: new AbortController().signal,
    idempotencyKey: 'exec-1:store',
  });
  const put = (input: Record<string, unknown>, values = keys) =>
    s3Connector.actions.put_object!.run({ ...call(values), input: s3Connector.actions.put_object!.input.parse(input) });
  const get = (input: Record<string, unknown>, values = keys) =>
    s3Connector.actions.get_object!.run({ ...call(values), input: s3Connector.actions.get_object!.input.parse(input) });
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error,
    );

  beforeAll(async () => {
    s3 = await startS3Server({ credentials: keys, buckets: ['reports'] });
  });
  afterAll(() => s3.close());

  it('put_object sends a signed path-style PUT and returns the ETag', async () => {
    const output = await put({ bucket: 'reports', key: 'weekly/2024 w1.json', body: '{"ok":true}', contentType: 'application/json' });
    expect(output).toEqual({ etag: `"${createHash('md5').update('{"ok":true}').digest('hex')}"`, versionId: null });
    const sent = s3.received.at(-1)!;
    expect(sent.method).toBe('PUT');
    expect(sent.path).toBe('/reports/weekly/2024%20w1.json');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-1\/s3\/aws4_request, SignedHeaders=\S*host/,
    );
    expect(sent.body.toString()).toBe('{"ok":true}');
    expect(s3.objects.get('reports')!.get('weekly/2024 w1.json')!.contentType).toBe('application/json');
  });

  it('put_object overwrites, so a repeat leaves one object', async () => {
    await put({ bucket: 'reports', key: 'again.txt', body: 'first' });
    await put({ bucket: 'reports', key: 'again.txt', body: 'second' });
    expect(s3Connector.actions.put_object!.idempotent).toBe(true);
    expect(s3.objects.get('reports')!.get('again.txt')!.body.toString()).toBe('second');
  });

  it('get_object returns UTF-8 text as text and other bytes as base64', async () => {
    await put({ bucket: 'reports', key: 'notes.md', body: 'héllo ✓', contentType: 'text/markdown' });
    await expect(get({ bucket: 'reports', key: 'notes.md' })).resolves.toMatchObject({
      body: 'héllo ✓',
      encoding: 'text',
      contentType: 'text/markdown',
      lastModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(s3.received.at(-1)).toMatchObject({ method: 'GET', path: '/reports/notes.md' });
    const binary = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x10]);
    await put({ bucket: 'reports', key: 'image.jpg', body: binary.toString('base64'), encoding: 'base64', contentType: 'image/jpeg' });
    expect(s3.objects.get('reports')!.get('image.jpg')!.body.equals(binary)).toBe(true);
    await expect(get({ bucket: 'reports', key: 'image.jpg' })).resolves.toMatchObject({
      body: binary.toString('base64'),
      encoding: 'base64',
    });
  });

  it('refuses an object larger than 5 MiB', async () => {
    s3.objects.get('reports')!.set('big.bin', {
      body: Buffer.alloc(5 * 1024 * 1024 + 1),
      contentType: 'application/octet-stream',
      etag: '"x"',
      lastModified: new Date(),
    });
    await expect(get({ bucket: 'reports', key: 'big.bin' })).rejects.toMatchObject({
      failure: 'rejected',
      message: expect.stringMatching(/more than 5242880/),
    });
  });

  it('a wrong secret fails the signature check: unauthorized, with S3 code and message but no key in it', async () => {
    const failure = await failureOf(put({ bucket: 'reports', key: 'x.txt', body: 'x' }, { ...keys, secretAccessKey: 'not-the-secret' }));
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ failure: 'unauthorized', status: 403, message: expect.stringContaining('SignatureDoesNotMatch') });
    expect((failure as Error).message).not.toContain('not-the-secret');
    expect(s3.objects.get('reports')!.has('x.txt')).toBe(false);
    await expect(s3Connector.healthCheck(call({ ...keys, accessKeyId: 'AKIAUNKNOWNKEY00000' }))).rejects.toMatchObject({
      failure: 'unauthorized',
      message: expect.stringContaining('InvalidAccessKeyId'),
    });
  });

  it('health check lists buckets with working keys', async () => {
    await expect(s3Connector.healthCheck(call(keys))).resolves.toBeUndefined();
    expect(s3.received.at(-1)).toMatchObject({ method: 'GET', path: '/' });
  });

  it('surfaces S3 error bodies: a missing key or bucket is rejected', async () => {
    await expect(get({ bucket: 'reports', key: 'missing.txt' })).rejects.toMatchObject({
      failure: 'rejected',
      status: 404,
      message: 'S3 answered 404: NoSuchKey: The specified key does not exist.',
    });
    await expect(put({ bucket: 'nowhere', key: 'a.txt', body: 'a' })).rejects.toMatchObject({
      failure: 'rejected',
      message: expect.stringContaining('NoSuchBucket'),
    });
  });

  it('503 SlowDown is rate_limited, with the default wait or a Retry-After when one is sent, and is not retried by the SDK', async () => {
    s3.rateLimitNext(1);
    const before = s3.received.length;
    await expect(get({ bucket: 'reports', key: 'notes.md' })).rejects.toMatchObject({
      failure: 'rate_limited',
      status: 503,
      retryAfterMs: 1000,
    });
    expect(s3.received.length - before).toBe(1);
    s3.rateLimitNext(1, 7);
    await expect(s3Connector.healthCheck(call(keys))).rejects.toMatchObject({ failure: 'rate_limited', retryAfterMs: 7000 });
  });

  it('a closed port is unavailable', async () => {
    const closed = await startS3Server({ credentials: keys, buckets: [] });
    await closed.close();
    await expect(s3Connector.healthCheck({ ...call(keys), http: providerHttpFor(s3Connector, { api: closed.url }) })).rejects.toMatchObject(
      { failure: 'unavailable', message: expect.stringContaining('ECONNREFUSED') },
    );
  });

  it('refuses incomplete credentials before calling S3', async () => {
    const before = s3.received.length;
    await expect(
      s3Connector.healthCheck(call({ accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey })),
    ).rejects.toMatchObject({
      failure: 'unauthorized',
    });
    expect(s3.received.length).toBe(before);
  });
});
