import { z } from 'zod';
import { defineAction, type Connector, type ProviderCall } from '../connector';
import { isProviderError, ProviderError } from '../provider-errors';
import type { ProviderRequest, ProviderResponse } from '../provider-http';

/** The REST API version the shapes below are written against (https://docs.github.com/rest/about-the-rest-api/api-versions). */
const API_VERSION = '2022-11-28';
/** GitHub's advice when a secondary rate limit names no wait: "wait at least one minute". */
const SECONDARY_LIMIT_WAIT_MS = 60_000;

/** GitHub's error body: `{ message, documentation_url, errors? }`; `errors` details a 422. */
const githubError = z.object({
  message: z.string(),
  errors: z
    .array(
      z.union([
        z.string(),
        z.object({
          resource: z.string().optional(),
          field: z.string().optional(),
          code: z.string().optional(),
          message: z.string().optional(),
        }),
      ]),
    )
    .optional(),
});

function errorMessage(body: unknown): string | undefined {
  const parsed = githubError.safeParse(body);
  if (!parsed.success) return undefined;
  const details = (parsed.data.errors ?? []).map((e) =>
    typeof e === 'string' ? e : (e.message ?? [e.resource, e.field, e.code].filter(Boolean).join(' ')),
  );
  return details.length > 0 ? `${parsed.data.message} (${details.join('; ')})` : parsed.data.message;
}

/**
 * Calls the REST API with the headers GitHub asks for. A secondary rate limit without Retry-After
 * is a plain 403 whose message says so; it becomes `rate_limited` with GitHub's one-minute advice.
 */
async function callApi(call: ProviderCall, request: Omit<ProviderRequest, 'endpoint'>): Promise<ProviderResponse> {
  if (call.credentials.kind !== 'oauth2') throw new ProviderError('unauthorized', 'GitHub needs an OAuth token');
  const headers = {
    authorization: `Bearer ${call.credentials.accessToken}`,
    accept: 'application/vnd.github+json',
    'x-github-api-version': API_VERSION,
    'user-agent': 'Flowgraph',
  };
  try {
    return await call.http.request({ endpoint: 'api', ...request, headers }, call.signal);
  } catch (error) {
    if (isProviderError(error, 'rejected') && error.status === 403 && /secondary rate limit/i.test(error.message)) {
      throw new ProviderError('rate_limited', error.message, error.status, SECONDARY_LIMIT_WAIT_MS);
    }
    throw error;
  }
}

/** An owner and repository name as GitHub allows them; `.` and `..` would change the path. */
const repository = {
  owner: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'a GitHub user or organization name'),
  repo: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/, 'a GitHub repository name')
    .refine((name) => name !== '.' && name !== '..', 'a GitHub repository name'),
};
const repoPath = (input: { owner: string; repo: string }) => `/repos/${input.owner}/${input.repo}`;

const createdIssue = z.object({ id: z.number(), number: z.number(), html_url: z.string(), state: z.string() }).passthrough();

const createIssue = defineAction({
  description: 'Opens an issue in a repository (POST /repos/{owner}/{repo}/issues).',
  input: z.object({
    ...repository,
    title: z.string().min(1).max(256),
    body: z.string().max(65_536).optional(),
    labels: z.array(z.string().min(1).max(50)).max(100).optional(),
    assignees: z.array(z.string().min(1).max(39)).max(10).optional(),
  }),
  output: z.object({ id: z.number(), number: z.number(), url: z.string(), state: z.string() }),
  // GitHub honours no idempotency key when creating issues: the ledger runs it once per step.
  idempotent: false,
  async run(call) {
    const { owner, repo, ...issue } = call.input;
    const response = await callApi(call, { method: 'POST', path: `${repoPath({ owner, repo })}/issues`, json: issue });
    const created = createdIssue.parse(response.json);
    return { id: created.id, number: created.number, url: created.html_url, state: created.state };
  },
});

const createdComment = z.object({ id: z.number(), html_url: z.string() }).passthrough();

const commentOnPullRequest = defineAction({
  description: 'Adds a comment to a pull request conversation (POST /repos/{owner}/{repo}/issues/{number}/comments).',
  input: z.object({ ...repository, pullNumber: z.number().int().positive(), body: z.string().min(1).max(65_536) }),
  output: z.object({ id: z.number(), url: z.string() }),
  // No idempotency key for comments either.
  idempotent: false,
  async run(call) {
    // Pull request conversation comments are issue comments: a pull request is an issue to this API.
    const path = `${repoPath(call.input)}/issues/${call.input.pullNumber}/comments`;
    const response = await callApi(call, { method: 'POST', path, json: { body: call.input.body } });
    const comment = createdComment.parse(response.json);
    return { id: comment.id, url: comment.html_url };
  },
});

const pullRequest = z
  .object({
    number: z.number(),
    title: z.string(),
    state: z.string(),
    draft: z.boolean().optional(),
    html_url: z.string(),
    user: z.object({ login: z.string() }).nullable(),
    head: z.object({ ref: z.string() }),
    base: z.object({ ref: z.string() }),
    created_at: z.string(),
    updated_at: z.string(),
    merged_at: z.string().nullable().optional(),
  })
  .passthrough();

const pullRequestSummary = z.object({
  number: z.number(),
  title: z.string(),
  state: z.string(),
  draft: z.boolean(),
  url: z.string(),
  author: z.string().nullable(),
  headRef: z.string(),
  baseRef: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  mergedAt: z.string().nullable(),
});

/** The page the Link header's `rel="next"` points to (https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api). */
function nextPage(link: string | null): number | null {
  const next = link?.split(',').find((part) => /rel="next"/.test(part));
  const url = next?.match(/<([^>]+)>/)?.[1];
  const page = url ? new URL(url).searchParams.get('page') : null;
  return page ? Number(page) : null;
}

const listPullRequests = defineAction({
  description: 'Lists pull requests of a repository, one page at a time (GET /repos/{owner}/{repo}/pulls).',
  input: z.object({
    ...repository,
    state: z.enum(['open', 'closed', 'all']).default('open'),
    perPage: z.number().int().min(1).max(100).default(30),
    page: z.number().int().min(1).default(1),
  }),
  output: z.object({ pullRequests: z.array(pullRequestSummary), nextPage: z.number().nullable() }),
  idempotent: true,
  async run(call) {
    const { state, perPage, page } = call.input;
    const response = await callApi(call, {
      method: 'GET',
      path: `${repoPath(call.input)}/pulls`,
      query: { state, per_page: perPage, page },
    });
    const pulls = z.array(pullRequest).parse(response.json);
    return {
      pullRequests: pulls.map((pr) => ({
        number: pr.number,
        title: pr.title,
        state: pr.state,
        draft: pr.draft ?? false,
        url: pr.html_url,
        author: pr.user?.login ?? null,
        headRef: pr.head.ref,
        baseRef: pr.base.ref,
        createdAt: pr.created_at,
        updatedAt: pr.updated_at,
        mergedAt: pr.merged_at ?? null,
      })),
      nextPage: nextPage(response.headers.get('link')),
    };
  },
});

export const githubConnector: Connector = {
  id: 'github',
  displayName: 'GitHub',
  auth: {
    kind: 'oauth2',
    authorizeUrl: 'https://github.com/login/oauth/authorize',
    tokenUrl: 'https://github.com/login/oauth/access_token',
    // No revokeUrl: GitHub revokes through DELETE /applications/{client_id}/grant, not RFC 7009.
    scopes: ['repo'],
  },
  endpoints: { api: 'https://api.github.com' },
  actions: { create_issue: createIssue, comment_on_pull_request: commentOnPullRequest, list_pull_requests: listPullRequests },
  webhooks: { scheme: 'github', eventTypes: ['pull_request', 'issues', 'push', 'issue_comment', 'release'] },
  // GitHub's secondary limit allows 80 content-creating requests a minute; 80 a minute also stays
  // under the primary 5,000 requests an hour of a user token.
  rateLimit: { requests: 80, perSeconds: 60 },
  errorMessage,
  async healthCheck(call) {
    await callApi(call, { method: 'GET', path: '/user' });
  },
};
