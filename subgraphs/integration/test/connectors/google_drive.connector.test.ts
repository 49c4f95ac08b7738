import { googleDriveConnector } from '../../src/modules/connectors/google_drive/google_drive.connector';
import { providerHttpFor } from '../../src/modules/connectors/registry';
import { ProviderError } from '../../src/modules/connectors/provider-errors';
import { startGoogleDriveServer, type GoogleDriveServer } from '../../src/testing';

describe('Google Drive connector against a local Drive API v3', () => {
  const token = 'ya29.drive-test-token';
  const folderId = '1FolderReports';
  let drive: GoogleDriveServer;
  const call = (accessToken = token) => ({
    credentials: { kind: 'oauth2' as const, accessToken },
    http: providerHttpFor(googleDriveConnector, { api: drive.url, upload: `${drive.url}/upload` }),
    signal: new AbortController().signal,
    idempotencyKey: 'exec-1:upload',
  });
  const upload = (input: Record<string, unknown>, accessToken?: string) =>
    googleDriveConnector.actions.upload_file!.run({
      ...call(accessToken),
      input: googleDriveConnector.actions.upload_file!.input.parse(input),
    });

  beforeAll(async () => {
    drive = await startGoogleDriveServer({ token, folders: [folderId], readOnlyFolders: ['1SharedViewOnly'] });
  });
  afterAll(() => drive.close());

  it('upload_file sends a multipart/related body (metadata, then content) to the upload endpoint', async () => {
    const output = await upload({ name: 'notes.txt', content: 'héllo drive', mimeType: 'text/plain', folderId });
    const sent = drive.received.at(-1)!;
    expect([sent.method, sent.path]).toEqual(['POST', '/upload/drive/v3/files']);
    expect(sent.query).toMatchObject({ uploadType: 'multipart' });
    expect(sent.headers.authorization).toBe(`Bearer ${token}`);
    const boundary = /^multipart\/related; boundary=(.+)$/.exec(String(sent.headers['content-type']))![1]!;
    const parts = sent.body.toString('utf8').split(`--${boundary}`);
    expect(parts.at(-1)).toBe('--\r\n');
    expect(parts[1]).toBe(
      `\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify({ name: 'notes.txt', mimeType: 'text/plain', parents: [folderId] })}\r\n`,
    );
    expect(parts[2]).toBe('\r\nContent-Type: text/plain\r\n\r\nhéllo drive\r\n');
    const stored = drive.files.at(-1)!;
    expect(stored).toMatchObject({ name: 'notes.txt', mimeType: 'text/plain', parents: [folderId] });
    expect(stored.content.toString('utf8')).toBe('héllo drive');
    expect(output).toEqual({ id: stored.id, name: 'notes.txt', mimeType: 'text/plain' });
  });

  it('upload_file sends base64 content as its bytes, and refuses content that is not base64', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x0d, 0x0a]);
    await upload({ name: 'pixel.png', content: bytes.toString('base64'), encoding: 'base64', mimeType: 'image/png' });
    expect(drive.files.at(-1)).toMatchObject({ name: 'pixel.png', parents: ['root'], content: bytes });
    expect(() =>
      googleDriveConnector.actions.upload_file!.input.parse({
        name: 'x',
        content: 'not base64!',
        encoding: 'base64',
        mimeType: 'image/png',
      }),
    ).toThrow(/base64/);
  });

  it('list_files passes q, pageSize, pageToken and fields, and maps files and the next page token', async () => {
    const list = (input: Record<string, unknown>) =>
      googleDriveConnector.actions.list_files!.run({ ...call(), input: googleDriveConnector.actions.list_files!.input.parse(input) });
    await upload({ name: 'notes-2.txt', content: 'again', mimeType: 'text/plain', folderId });
    const first = await list({ q: `'${folderId}' in parents and name contains 'notes'`, pageSize: 1 });
    const sent = drive.received.at(-1)!;
    expect([sent.method, sent.path]).toEqual(['GET', '/drive/v3/files']);
    expect(sent.query).toEqual({
      q: `'${folderId}' in parents and name contains 'notes'`,
      pageSize: '1',
      fields: 'nextPageToken,files(id,name,mimeType,modifiedTime,parents)',
    });
    expect(first).toEqual({
      files: [
        {
          id: drive.files[0]!.id,
          name: 'notes.txt',
          mimeType: 'text/plain',
          modifiedTime: drive.files[0]!.modifiedTime,
          parents: [folderId],
        },
      ],
      nextPageToken: expect.any(String),
    });
    const second = await list({ q: `'${folderId}' in parents and name contains 'notes'`, pageSize: 1, pageToken: first.nextPageToken });
    expect(second).toEqual({ files: [expect.objectContaining({ name: 'notes-2.txt' })], nextPageToken: null });
    expect(() => googleDriveConnector.actions.list_files!.input.parse({ pageSize: 101 })).toThrow();
  });

  it('health check reads about.user; a refused token is unauthorized with Google’s message', async () => {
    await expect(googleDriveConnector.healthCheck(call())).resolves.toBeUndefined();
    expect(drive.received.at(-1)).toMatchObject({ method: 'GET', path: '/drive/v3/about', query: { fields: 'user' } });
    await expect(googleDriveConnector.healthCheck(call('ya29.revoked'))).rejects.toMatchObject({
      failure: 'unauthorized',
      status: 401,
      message: 'Google Drive answered 401: Invalid Credentials (authError)',
    });
  });

  it('a Drive error body is surfaced in the message: an unknown folder is rejected', async () => {
    await expect(upload({ name: 'a.txt', content: 'a', mimeType: 'text/plain', folderId: 'no-such-folder' })).rejects.toMatchObject({
      failure: 'rejected',
      status: 404,
      message: expect.stringContaining('File not found: no-such-folder. (notFound)'),
    });
  });

  it('a 429 is rate_limited with its Retry-After', async () => {
    drive.rateLimitNext(1, 9);
    const failure = await googleDriveConnector.healthCheck(call()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ failure: 'rate_limited', status: 429, retryAfterMs: 9_000 });
  });

  it('a 403 userRateLimitExceeded is rate_limited too, waiting the backoff; another 403 stays rejected', async () => {
    drive.userRateLimitNext(1);
    await expect(googleDriveConnector.healthCheck(call())).rejects.toMatchObject({
      failure: 'rate_limited',
      status: 403,
      retryAfterMs: 5_000,
      message: expect.stringContaining('userRateLimitExceeded'),
    });
    await expect(upload({ name: 'b.txt', content: 'b', mimeType: 'text/plain', folderId: '1SharedViewOnly' })).rejects.toMatchObject({
      failure: 'rejected',
      status: 403,
      message: expect.stringContaining('insufficientFilePermissions'),
    });
  });
});
