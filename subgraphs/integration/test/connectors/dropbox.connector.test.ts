import { dropboxConnector } from '../../src/modules/connectors/dropbox/dropbox.connector';
import { providerHttpFor } from '../../src/modules/connectors/registry';
import { ProviderError } from '../../src/modules/connectors/provider-errors';
import { jsonOf, startDropboxServer, type DropboxServer } from '../../src/testing';

describe('Dropbox connector against a local Dropbox API v2', () => {
  const token = 'sl.dropbox-test-token';
  let dropbox: DropboxServer;
  let quiet: DropboxServer;
  const call = (server: DropboxServer, accessToken = token) => ({
    credentials: { kind: 'oauth2' as const, accessToken },
    http: providerHttpFor(dropboxConnector, { api: server.url, content: server.url }),
    signal: new AbortController().signal,
    idempotencyKey: 'exec-1:upload',
  });
  const upload = (input: Record<string, unknown>, server = dropbox) =>
    dropboxConnector.actions.upload_file!.run({ ...call(server), input: dropboxConnector.actions.upload_file!.input.parse(input) });
  const share = (path: string, server = dropbox) => dropboxConnector.actions.create_shared_link!.run({ ...call(server), input: { path } });

  beforeAll(async () => {
    dropbox = await startDropboxServer({ token, expiredToken: 'sl.expired' });
    quiet = await startDropboxServer({ token, omitExistingLinkMetadata: true });
  });
  afterAll(async () => {
    await dropbox.close();
    await quiet.close();
  });

  it('upload_file sends the bytes with a header-safe Dropbox-API-Arg and maps the file metadata', async () => {
    const output = await upload({ path: '/Reports/Résumé.txt', content: 'quarterly', mode: 'overwrite', mute: true });
    const sent = dropbox.received.at(-1)!;
    expect([sent.method, sent.path]).toEqual(['POST', '/2/files/upload']);
    expect(sent.headers.authorization).toBe(`Bearer ${token}`);
    expect(sent.headers['content-type']).toBe('application/octet-stream');
    const arg = String(sent.headers['dropbox-api-arg']);
    expect(arg).toBe('{"path":"/Reports/R\\u00e9sum\\u00e9.txt","mode":"overwrite","autorename":false,"mute":true}');
    expect(JSON.parse(arg)).toEqual({ path: '/Reports/Résumé.txt', mode: 'overwrite', autorename: false, mute: true });
    expect(sent.body.toString('utf8')).toBe('quarterly');
    const stored = dropbox.files.get('/reports/résumé.txt')!;
    expect(output).toEqual({ id: stored.id, name: 'Résumé.txt', pathDisplay: '/Reports/Résumé.txt', rev: stored.rev });
  });

  it('upload_file in add mode: a taken path is a conflict surfaced from the 409 body, autorename keeps both', async () => {
    await upload({ path: '/Reports/plan.txt', content: 'v1' });
    await expect(upload({ path: '/Reports/plan.txt', content: 'v2' })).rejects.toMatchObject({
      failure: 'rejected',
      status: 409,
      message: expect.stringContaining('path/conflict/file/'),
    });
    const renamed = await upload({
      path: '/Reports/plan.txt',
      content: Buffer.from('v2').toString('base64'),
      encoding: 'base64',
      autorename: true,
    });
    expect(renamed.pathDisplay).toBe('/Reports/plan (1).txt');
    expect(dropbox.files.get('/reports/plan (1).txt')!.content.toString()).toBe('v2');
  });

  it('create_shared_link posts the path and maps the link', async () => {
    await upload({ path: '/Reports/q3.pdf', content: 'pdf' });
    const link = await share('/Reports/q3.pdf');
    const sent = dropbox.received.at(-1)!;
    expect([sent.method, sent.path]).toEqual(['POST', '/2/sharing/create_shared_link_with_settings']);
    expect(jsonOf(sent)).toEqual({ path: '/Reports/q3.pdf' });
    expect(link).toEqual({ url: dropbox.links.get('/reports/q3.pdf'), name: 'q3.pdf', pathLower: '/reports/q3.pdf' });
  });

  it('create_shared_link on a shared path returns the existing link from the 409 metadata', async () => {
    await upload({ path: '/again.txt', content: 'x' });
    const first = await share('/again.txt');
    const requests = dropbox.received.length;
    await expect(share('/again.txt')).resolves.toEqual(first);
    expect(dropbox.received.length).toBe(requests + 1);
  });

  it('create_shared_link lists the path’s links when the 409 carries no metadata', async () => {
    await upload({ path: '/bare.txt', content: 'x' }, quiet);
    const first = await share('/bare.txt', quiet);
    await expect(share('/bare.txt', quiet)).resolves.toEqual(first);
    const listed = quiet.received.at(-1)!;
    expect([listed.method, listed.path]).toEqual(['POST', '/2/sharing/list_shared_links']);
    expect(jsonOf(listed)).toEqual({ path: '/bare.txt', direct_only: true });
  });

  it('create_shared_link on a missing path is rejected with the error summary', async () => {
    await expect(share('/missing.txt')).rejects.toMatchObject({
      failure: 'rejected',
      status: 409,
      message: expect.stringContaining('path/not_found/'),
    });
  });

  it('health check posts null to users/get_current_account; an expired token is unauthorized', async () => {
    await expect(dropboxConnector.healthCheck(call(dropbox))).resolves.toBeUndefined();
    const sent = dropbox.received.at(-1)!;
    expect([sent.method, sent.path, sent.body.toString()]).toEqual(['POST', '/2/users/get_current_account', 'null']);
    expect(sent.headers['content-type']).toMatch(/^application\/json/);
    const failure = await dropboxConnector.healthCheck(call(dropbox, 'sl.expired')).catch((error: unknown) => error);
    expect(failure).toMatchObject({ failure: 'unauthorized', status: 401, message: expect.stringContaining('expired_access_token/') });
    expect((failure as Error).message).not.toContain('sl.expired');
  });

  it('a 429 is rate_limited with the Retry-After Dropbox sent', async () => {
    dropbox.rateLimitNext(1, 300);
    const failure = await upload({ path: '/late.txt', content: 'x' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ failure: 'rate_limited', status: 429, retryAfterMs: 300_000 });
    expect(dropbox.files.has('/late.txt')).toBe(false);
  });
});
