import { teamsConnector } from '../../src/modules/connectors/teams/teams.connector';
import { providerHttpFor } from '../../src/modules/connectors/registry';
import { ProviderError } from '../../src/modules/connectors/provider-errors';
import { jsonOf, startTeamsServer, type TeamsServer } from '../../src/testing';

describe('Microsoft Teams connector against a local Microsoft Graph', () => {
  const token = 'eyJ0eXAi.graph-test-token';
  const teamId = '172b0cce-e65d-44ce-9a49-91d9f2e8493a';
  const channelId = '19:561fbdbbfca848a484f0a6f00ce9dbbd@thread.tacv2';
  let graph: TeamsServer;
  const call = (accessToken = token) => ({
    credentials: { kind: 'oauth2' as const, accessToken },
    http: providerHttpFor(teamsConnector, { graph: graph.url }),
    signal: new AbortController().signal,
    idempotencyKey: 'exec-1:notify',
  });

  beforeAll(async () => {
    graph = await startTeamsServer({
      token,
      teams: {
        [teamId]: [
          { id: channelId, displayName: 'General', description: 'Team-wide' },
          { id: '19:private@thread.tacv2', displayName: 'Leads', membershipType: 'private' },
        ],
      },
    });
  });
  afterAll(() => graph.close());

  it('post_channel_message posts the chatMessage body to the channel and returns its id and webUrl', async () => {
    const output = await teamsConnector.actions.post_channel_message!.run({
      ...call(),
      input: { teamId, channelId, content: '<b>Deploy</b> finished', contentType: 'html' },
    });
    const sent = graph.received.at(-1)!;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe(`/teams/${teamId}/channels/${encodeURIComponent(channelId)}/messages`);
    expect(sent.headers.authorization).toBe(`Bearer ${token}`);
    expect(sent.headers['content-type']).toMatch(/^application\/json/);
    expect(jsonOf(sent)).toEqual({ body: { contentType: 'html', content: '<b>Deploy</b> finished' } });
    expect(graph.messages.at(-1)).toMatchObject({ teamId, channelId, contentType: 'html', content: '<b>Deploy</b> finished' });
    expect(output).toEqual({ id: graph.messages.at(-1)!.id, webUrl: expect.stringContaining(graph.messages.at(-1)!.id) });
  });

  it('post_channel_message sends text when no content type is given', async () => {
    const input = teamsConnector.actions.post_channel_message!.input.parse({ teamId, channelId, content: 'plain words' });
    await teamsConnector.actions.post_channel_message!.run({ ...call(), input });
    expect(jsonOf(graph.received.at(-1)!)).toEqual({ body: { contentType: 'text', content: 'plain words' } });
  });

  it("list_channels maps the team's channels", async () => {
    const output = await teamsConnector.actions.list_channels!.run({ ...call(), input: { teamId } });
    const sent = graph.received.at(-1)!;
    expect([sent.method, sent.path]).toEqual(['GET', `/teams/${teamId}/channels`]);
    expect(output).toEqual({
      channels: [
        {
          id: channelId,
          displayName: 'General',
          description: 'Team-wide',
          membershipType: 'standard',
          webUrl: expect.stringContaining('teams.microsoft.com'),
        },
        { id: '19:private@thread.tacv2', displayName: 'Leads', description: null, membershipType: 'private', webUrl: expect.any(String) },
      ],
    });
  });

  it('health check calls GET /me; a refused token is unauthorized with Graph’s code and message', async () => {
    await expect(teamsConnector.healthCheck(call())).resolves.toBeUndefined();
    expect(graph.received.at(-1)).toMatchObject({ method: 'GET', path: '/me' });
    const failure = await teamsConnector.healthCheck(call('expired-token')).catch((error: unknown) => error);
    expect(failure).toMatchObject({ failure: 'unauthorized', status: 401 });
    expect((failure as Error).message).toContain('InvalidAuthenticationToken: Lifetime validation failed');
    expect((failure as Error).message).not.toContain('expired-token');
  });

  it('a Graph error body is surfaced in the message of a rejected call', async () => {
    await expect(
      teamsConnector.actions.post_channel_message!.run({
        ...call(),
        input: { teamId, channelId: '19:gone@thread.tacv2', content: 'hi', contentType: 'text' },
      }),
    ).rejects.toMatchObject({
      failure: 'rejected',
      status: 404,
      message: expect.stringContaining('NotFound: Channel 19:gone@thread.tacv2 was not found'),
    });
  });

  it('a 429 is rate_limited with the Retry-After Graph sent', async () => {
    graph.rateLimitNext(1, 12);
    const failure = await teamsConnector.actions.list_channels!.run({ ...call(), input: { teamId } }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ failure: 'rate_limited', status: 429, retryAfterMs: 12_000 });
  });
});
