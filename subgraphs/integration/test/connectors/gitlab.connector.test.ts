import { gitlabConnector } from '../../src/modules/connectors/gitlab/gitlab.connector';
import { providerHttpFor } from '../../src/modules/connectors/registry';
import { ProviderError } from '../../src/modules/connectors/provider-errors';
import { jsonOf, startGitlabServer, type GitlabServer } from '../../src/testing';

describe('GitLab connector against a local GitLab REST API', () => {
  const token = 'glpat-test-token';
  let gitlab: GitlabServer;
  const actions = gitlabConnector.actions;
  const call = (accessToken = token) => ({
    credentials: { kind: 'oauth2' as const, accessToken },
    http: providerHttpFor(gitlabConnector, { api: gitlab.url }),
    signal: new AbortController().signal,
    idempotencyKey: 'exec-1:step',
  });
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error,
    );

  beforeAll(async () => {
    gitlab = await startGitlabServer({ token, projects: [{ id: 42, path: 'acme/tools/widgets', mergeRequestIids: [7] }] });
  });
  afterAll(() => gitlab.close());

  it('create_issue posts to the project by its encoded path, labels comma-separated', async () => {
    const input = actions.create_issue!.input.parse({
      projectId: 'acme/tools/widgets',
      title: 'Gears slip',
      description: 'Under load',
      labels: ['bug', 'p1'],
      assigneeIds: [5],
    });
    const output = await actions.create_issue!.run({ ...call(), input });
    expect(output).toEqual({ id: expect.any(Number), iid: 1, url: 'https://gitlab.com/acme/tools/widgets/-/issues/1', state: 'opened' });
    const sent = gitlab.received.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/projects/acme%2Ftools%2Fwidgets/issues' });
    expect(sent.headers.authorization).toBe(`Bearer ${token}`);
    expect(jsonOf(sent)).toEqual({ title: 'Gears slip', description: 'Under load', labels: 'bug,p1', assignee_ids: [5] });
    expect(gitlab.issues.at(-1)).toMatchObject({ projectId: 42, labels: ['bug', 'p1'] });
  });

  it('create_issue takes a numeric project id as well', async () => {
    const output = await actions.create_issue!.run({
      ...call(),
      input: actions.create_issue!.input.parse({ projectId: 42, title: 'Second' }),
    });
    expect(output).toMatchObject({ iid: 2 });
    expect(gitlab.received.at(-1)!.path).toBe('/projects/42/issues');
    expect(jsonOf(gitlab.received.at(-1)!)).toEqual({ title: 'Second' });
  });

  it('comment_on_merge_request posts a note and returns its id', async () => {
    const input = actions.comment_on_merge_request!.input.parse({
      projectId: 'acme/tools/widgets',
      mergeRequestIid: 7,
      body: 'Looks good',
    });
    const output = await actions.comment_on_merge_request!.run({ ...call(), input });
    expect(output).toEqual({ id: gitlab.notes.at(-1)!.id, createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const sent = gitlab.received.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/projects/acme%2Ftools%2Fwidgets/merge_requests/7/notes' });
    expect(sent.headers.authorization).toBe(`Bearer ${token}`);
    expect(jsonOf(sent)).toEqual({ body: 'Looks good' });
  });

  it('a revoked token is unauthorized with the OAuth error, and the token stays out of it', async () => {
    const failure = await failureOf(gitlabConnector.healthCheck(call('glpat-wrong')));
    expect(failure).toMatchObject({
      failure: 'unauthorized',
      status: 401,
      message: 'GitLab answered 401: invalid_token: Token was revoked. You have to re-authorize from the user.',
    });
    expect((failure as Error).message).not.toContain('glpat-wrong');
    await expect(gitlabConnector.healthCheck(call())).resolves.toBeUndefined();
    expect(gitlab.received.at(-1)).toMatchObject({ method: 'GET', path: '/user' });
  });

  it('surfaces GitLab’s message: an unknown project or merge request is rejected', async () => {
    const unknownProject = actions.create_issue!.input.parse({ projectId: 'acme/nothing', title: 'Hi' });
    await expect(actions.create_issue!.run({ ...call(), input: unknownProject })).rejects.toMatchObject({
      failure: 'rejected',
      status: 404,
      message: 'GitLab answered 404: 404 Project Not Found',
    });
    const unknownMr = actions.comment_on_merge_request!.input.parse({ projectId: 42, mergeRequestIid: 8, body: 'Hi' });
    await expect(actions.comment_on_merge_request!.run({ ...call(), input: unknownMr })).rejects.toMatchObject({
      failure: 'rejected',
      message: 'GitLab answered 404: 404 Not found',
    });
  });

  it('reads every error body shape GitLab uses', () => {
    const message = gitlabConnector.errorMessage!;
    expect(message({ message: { title: ['is too long (maximum is 255 characters)'], labels: 'is invalid' } })).toBe(
      'title is too long (maximum is 255 characters); labels is invalid',
    );
    expect(message({ message: ['a', 'b'] })).toBe('a; b');
    expect(message({ error: 'title is missing' })).toBe('title is missing');
    expect(message('Retry later')).toBeUndefined();
  });

  it('a 429 is rate_limited for its Retry-After', async () => {
    gitlab.rateLimitNext(1, 9);
    const failure = await failureOf(
      actions.create_issue!.run({ ...call(), input: actions.create_issue!.input.parse({ projectId: 42, title: 'Hi' }) }),
    );
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({
      failure: 'rate_limited',
      status: 429,
      retryAfterMs: 9000,
      message: 'GitLab answered 429: Retry later\n',
    });
  });
});
