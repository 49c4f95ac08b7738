import { githubConnector } from '../../src/modules/connectors/github/github.connector';
import { providerHttpFor } from '../../src/modules/connectors/registry';
import { ProviderError } from '../../src/modules/connectors/provider-errors';
import { jsonOf, startGithubServer, type GithubServer } from '../../src/testing';

describe('GitHub connector against a local GitHub REST API', () => {
  const token = 'gho_test-token';
  let github: GithubServer;
  const actions = githubConnector.actions;
  const call = (accessToken = token) => ({
    credentials: { kind: 'oauth2' as const, accessToken },
    http: providerHttpFor(githubConnector, { api: github.url }),
    signal: new AbortController().signal,
    idempotencyKey: 'exec-1:step',
  });
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error,
    );

  beforeAll(async () => {
    github = await startGithubServer({
      token,
      repositories: [
        {
          owner: 'acme',
          repo: 'widgets',
          assignable: ['ada'],
          pulls: [
            { number: 3, title: 'Add gears', state: 'open', author: 'ada', head: 'gears', base: 'main', draft: true },
            { number: 2, title: 'Fix springs', state: 'open', author: 'bob', head: 'springs', base: 'main' },
            { number: 1, title: 'Initial', state: 'closed', author: 'ada', head: 'init', base: 'main', mergedAt: '2025-01-01T00:00:00Z' },
          ],
        },
      ],
    });
  });
  afterAll(() => github.close());

  it('create_issue posts the issue with GitHub headers and returns its number and page', async () => {
    const input = actions.create_issue!.input.parse({
      owner: 'acme',
      repo: 'widgets',
      title: 'Gears slip',
      body: 'Under load',
      labels: ['bug'],
      assignees: ['ada'],
    });
    const output = await actions.create_issue!.run({ ...call(), input });
    expect(output).toEqual({ id: expect.any(Number), number: 4, url: 'https://github.com/acme/widgets/issues/4', state: 'open' });
    const sent = github.received.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/repos/acme/widgets/issues' });
    expect(sent.headers).toMatchObject({
      authorization: `Bearer ${token}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': 'Flowgraph',
    });
    expect(jsonOf(sent)).toEqual({ title: 'Gears slip', body: 'Under load', labels: ['bug'], assignees: ['ada'] });
    expect(github.issues.at(-1)).toMatchObject({ number: 4, title: 'Gears slip' });
  });

  it('comment_on_pull_request posts to the issues comments of the pull request', async () => {
    const input = actions.comment_on_pull_request!.input.parse({ owner: 'acme', repo: 'widgets', pullNumber: 2, body: 'Looks good' });
    const output = await actions.comment_on_pull_request!.run({ ...call(), input });
    const comment = github.comments.at(-1)!;
    expect(output).toEqual({ id: comment.id, url: `https://github.com/acme/widgets/pull/2#issuecomment-${comment.id}` });
    const sent = github.received.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/repos/acme/widgets/issues/2/comments' });
    expect(sent.headers.authorization).toBe(`Bearer ${token}`);
    expect(jsonOf(sent)).toEqual({ body: 'Looks good' });
  });

  it('list_pull_requests maps a page and follows the Link header to the next one', async () => {
    const first = await actions.list_pull_requests!.run({
      ...call(),
      input: actions.list_pull_requests!.input.parse({ owner: 'acme', repo: 'widgets', perPage: 1 }),
    });
    expect(github.received.at(-1)).toMatchObject({
      method: 'GET',
      path: '/repos/acme/widgets/pulls',
      query: { state: 'open', per_page: '1', page: '1' },
    });
    expect(first).toEqual({
      pullRequests: [
        {
          number: 3,
          title: 'Add gears',
          state: 'open',
          draft: true,
          url: 'https://github.com/acme/widgets/pull/3',
          author: 'ada',
          headRef: 'gears',
          baseRef: 'main',
          createdAt: '2025-01-02T03:04:05Z',
          updatedAt: '2025-01-03T03:04:05Z',
          mergedAt: null,
        },
      ],
      nextPage: 2,
    });
    const second = await actions.list_pull_requests!.run({
      ...call(),
      input: actions.list_pull_requests!.input.parse({ owner: 'acme', repo: 'widgets', perPage: 1, page: first.nextPage }),
    });
    expect(second.pullRequests.map((pr: { number: number }) => pr.number)).toEqual([2]);
    expect(second.nextPage).toBeNull();
    const closed = await actions.list_pull_requests!.run({
      ...call(),
      input: actions.list_pull_requests!.input.parse({ owner: 'acme', repo: 'widgets', state: 'closed' }),
    });
    expect(closed.pullRequests).toEqual([expect.objectContaining({ number: 1, mergedAt: '2025-01-01T00:00:00Z' })]);
  });

  it('refuses owner and repository names that would change the path', () => {
    expect(actions.list_pull_requests!.input.safeParse({ owner: 'acme', repo: '..' }).success).toBe(false);
    expect(actions.create_issue!.input.safeParse({ owner: 'acme/x', repo: 'widgets', title: 't' }).success).toBe(false);
  });

  it('a bad token is unauthorized with GitHub’s message, and the token stays out of it', async () => {
    const failure = await failureOf(githubConnector.healthCheck(call('gho_wrong')));
    expect(failure).toMatchObject({ failure: 'unauthorized', status: 401, message: 'GitHub answered 401: Bad credentials' });
    expect((failure as Error).message).not.toContain('gho_wrong');
    await expect(githubConnector.healthCheck(call())).resolves.toBeUndefined();
    expect(github.received.at(-1)).toMatchObject({ method: 'GET', path: '/user' });
  });

  it('surfaces the error body: a 422 with its details, a 404 rejected', async () => {
    const input = actions.create_issue!.input.parse({ owner: 'acme', repo: 'widgets', title: 'Gears slip', assignees: ['mallory'] });
    await expect(actions.create_issue!.run({ ...call(), input })).rejects.toMatchObject({
      failure: 'rejected',
      status: 422,
      message: 'GitHub answered 422: Validation Failed (Issue assignees invalid)',
    });
    const missing = actions.comment_on_pull_request!.input.parse({ owner: 'acme', repo: 'widgets', pullNumber: 99, body: 'Hi' });
    await expect(actions.comment_on_pull_request!.run({ ...call(), input: missing })).rejects.toMatchObject({
      failure: 'rejected',
      status: 404,
      message: 'GitHub answered 404: Not Found',
    });
  });

  it('the primary limit (403, remaining 0) is rate_limited until x-ratelimit-reset', async () => {
    github.rateLimitNext(1, 30);
    const failure = await failureOf(githubConnector.healthCheck(call()));
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ failure: 'rate_limited', status: 403 });
    // The reset is in whole epoch seconds: the wait is within the last second before it.
    const wait = (failure as ProviderError).retryAfterMs!;
    expect(wait).toBeGreaterThan(29_000);
    expect(wait).toBeLessThanOrEqual(30_000);
  });

  it('a secondary limit is rate_limited for its Retry-After, or a minute when it names none', async () => {
    github.rateLimitNext(1, 12, 'secondary');
    await expect(githubConnector.healthCheck(call())).rejects.toMatchObject({ failure: 'rate_limited', status: 403, retryAfterMs: 12_000 });
    github.rateLimitNext(1, null, 'secondary');
    await expect(githubConnector.healthCheck(call())).rejects.toMatchObject({
      failure: 'rate_limited',
      retryAfterMs: 60_000,
      message: expect.stringContaining('secondary rate limit'),
    });
  });
});
