import type { Agent } from 'undici';
import { httpConnector } from '../../src/modules/connectors/http/http.connector';
import { createGuardedDispatcher } from '../../src/modules/connectors/http/guarded-dispatcher';
import { providerHttpFor } from '../../src/modules/connectors/registry';
import { ProviderError } from '../../src/modules/connectors/provider-errors';
import { jsonOf, startHttpTargetServer, type HttpTargetServer } from '../../src/testing';

describe('generic HTTP connector against a local web API, through the SSRF guard', () => {
  const authorization = 'Bearer target-token';
  let target: HttpTargetServer;
  const dispatchers: Agent[] = [];
  const guarded = (allowedHosts: string) => {
    const dispatcher = createGuardedDispatcher(allowedHosts);
    dispatchers.push(dispatcher);
    return dispatcher;
  };
  const call = (options: { values?: Record<string, string>; allowedHosts?: string } = {}) => ({
    credentials: { kind: 'api_key' as const, values: options.values ?? { authorization } },
    http: providerHttpFor(httpConnector, {}, { guardedDispatcher: guarded(options.allowedHosts ?? '127.0.0.1') }),
    signal: new AbortController().signal,
    idempotencyKey: 'exec-1:call',
  });
  const request = (input: Record<string, unknown>, options?: Parameters<typeof call>[0]) =>
    httpConnector.actions.request!.run({ ...call(options), input: httpConnector.actions.request!.input.parse(input) });
  const getJson = (input: Record<string, unknown>, options?: Parameters<typeof call>[0]) =>
    httpConnector.actions.get_json!.run({ ...call(options), input: httpConnector.actions.get_json!.input.parse(input) });

  beforeAll(async () => {
    target = await startHttpTargetServer({ authorization });
  });
  afterAll(async () => {
    await Promise.all(dispatchers.map((dispatcher) => dispatcher.close()));
    await target.close();
  });

  it('request sends method, JSON body, headers, the Idempotency-Key and the integration Authorization', async () => {
    const output = await request({
      method: 'POST',
      url: `${target.url}/echo?page=2`,
      headers: { 'X-Trace': 'abc', Authorization: 'Bearer from-the-step', 'Idempotency-Key': 'spoofed' },
      body: { name: 'ada' },
    });
    const sent = target.received.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/echo', query: { page: '2' } });
    expect(sent.headers).toMatchObject({
      'x-trace': 'abc',
      authorization,
      'idempotency-key': 'exec-1:call',
      'content-type': 'application/json; charset=utf-8',
    });
    expect(jsonOf(sent)).toEqual({ name: 'ada' });
    expect(output).toEqual({
      status: 201,
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': expect.any(String), etag: '"echo-1"' },
      body: { method: 'POST', query: { page: '2' }, bytes: 14 },
    });
    expect(JSON.stringify(output)).not.toContain('target-token');
  });

  it('request sends a string body as it is and returns a text answer as text', async () => {
    await request({ method: 'PUT', url: `${target.url}/echo`, headers: { 'content-type': 'text/csv' }, body: 'a,b\n1,2' });
    expect(target.received.at(-1)!.body.toString()).toBe('a,b\n1,2');
    expect(target.received.at(-1)!.headers['content-type']).toBe('text/csv');
    await expect(request({ url: `${target.url}/text` })).resolves.toMatchObject({ status: 200, body: 'plain answer' });
  });

  it('get_json returns a JSON body and rejects an answer that is not JSON', async () => {
    await expect(getJson({ url: `${target.url}/protected` })).resolves.toEqual({ status: 200, body: { ok: true } });
    expect(target.received.at(-1)!.headers.accept).toBe('application/json');
    await expect(getJson({ url: `${target.url}/text` })).rejects.toMatchObject({
      failure: 'rejected',
      message: expect.stringMatching(/without a JSON body/),
    });
  });

  it('a wrong Authorization value is unauthorized, and an error body is surfaced', async () => {
    const failure = await getJson({ url: `${target.url}/protected` }, { values: { authorization: 'Bearer wrong' } }).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ failure: 'unauthorized', status: 401, message: 'HTTP answered 401: bad credentials' });
    expect((failure as Error).message).not.toContain('wrong');
    await expect(request({ url: `${target.url}/missing` })).rejects.toMatchObject({
      failure: 'rejected',
      message: 'HTTP answered 404: no such thing',
    });
  });

  it('a 429 is rate_limited with the Retry-After it carried', async () => {
    target.rateLimitNext(1, 9);
    const failure = await request({ url: `${target.url}/echo` }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ failure: 'rate_limited', retryAfterMs: 9000 });
  });

  it('refuses the metadata address and loopback hosts that are not allowed, without connecting; an allowed name goes through', async () => {
    const before = target.received.length;
    await expect(request({ url: 'http://169.254.169.254/latest/meta-data/' })).rejects.toMatchObject({
      failure: 'rejected',
      message: expect.stringMatching(/^Refused to call 169\.254\.169\.254: .* \(allow it with INTEGRATION_HTTP_ALLOWED_HOSTS\)$/),
    });
    await expect(request({ url: `${target.url}/echo` }, { allowedHosts: '' })).rejects.toMatchObject({
      failure: 'rejected',
      message: expect.stringMatching(/^Refused to call 127\.0\.0\.1/),
    });
    await expect(request({ url: `${target.url.replace('127.0.0.1', 'localhost')}/echo` }, { allowedHosts: '' })).rejects.toMatchObject({
      failure: 'rejected',
      message: expect.stringMatching(/^Refused to call localhost: it resolves to/),
    });
    expect(target.received.length).toBe(before);
    await expect(
      request({ url: `${target.url.replace('127.0.0.1', 'localhost')}/echo` }, { allowedHosts: 'localhost' }),
    ).resolves.toMatchObject({
      status: 200,
    });
  });

  it('is never given a client without the guard', () => {
    expect(() => providerHttpFor(httpConnector, {})).toThrow(/needs the SSRF-guarded dispatcher/);
  });
});
