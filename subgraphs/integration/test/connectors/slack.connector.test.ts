import { slackConnector } from '../../src/modules/connectors/slack/slack.connector';
import { providerHttpFor } from '../../src/modules/connectors/registry';
import { ProviderError } from '../../src/modules/connectors/provider-errors';
import { jsonOf, startSlackServer, type SlackServer } from '../../src/testing';

describe('Slack connector against a local Slack Web API', () => {
  const token = 'xoxb-test-token';
  let slack: SlackServer;
  const call = (accessToken = token) => ({
    credentials: { kind: 'oauth2' as const, accessToken },
    http: providerHttpFor(slackConnector, { api: slack.url }),
    signal: new AbortController().signal,
    idempotencyKey: 'exec-1:post',
  });

  beforeAll(async () => {
    slack = await startSlackServer({ token, users: [{ id: 'U042', name: 'ada', email: 'ada@example.com', real_name: 'Ada L' }] });
  });
  afterAll(() => slack.close());

  it('post_message sends chat.postMessage with the bearer token and returns channel and ts', async () => {
    const output = await slackConnector.actions.post_message!.run({ ...call(), input: { channel: '#reviews', text: 'PR opened' } });
    expect(output).toEqual({ channel: '#reviews', ts: expect.stringMatching(/^\d+\.\d{6}$/) });
    const sent = slack.received.at(-1)!;
    expect(sent.headers.authorization).toBe(`Bearer ${token}`);
    expect(jsonOf(sent)).toEqual({ channel: '#reviews', text: 'PR opened' });
  });

  it('lookup_user maps users.lookupByEmail', async () => {
    await expect(slackConnector.actions.lookup_user!.run({ ...call(), input: { email: 'ada@example.com' } })).resolves.toEqual({
      id: 'U042',
      name: 'ada',
      realName: 'Ada L',
    });
  });

  it('classifies ok:false answers: a bad token is unauthorized, an unknown user rejected', async () => {
    await expect(slackConnector.healthCheck(call('xoxb-wrong'))).rejects.toMatchObject({ failure: 'unauthorized' });
    await expect(slackConnector.actions.lookup_user!.run({ ...call(), input: { email: 'nobody@example.com' } })).rejects.toMatchObject({
      failure: 'rejected',
      message: expect.stringContaining('users_not_found'),
    });
  });

  it('a 429 is rate_limited with the Retry-After it carried', async () => {
    slack.rateLimitNext(1, 7);
    const failure = await slackConnector.healthCheck(call()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ failure: 'rate_limited', retryAfterMs: 7000 });
  });
});
