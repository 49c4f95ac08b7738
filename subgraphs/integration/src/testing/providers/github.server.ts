import type { Request, Response } from 'express';
import { startProviderServer, type ProviderServer } from './provider-server';

const DOCS = 'https://docs.github.com/rest';
/** A user token's primary limit (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api). */
const HOURLY_LIMIT = 5000;

export interface GithubPullRequestFixture {
  number: number;
  title: string;
  state: 'open' | 'closed';
  author: string;
  head: string;
  base: string;
  draft?: boolean;
  mergedAt?: string;
}

export interface GithubRepositoryFixture {
  owner: string;
  repo: string;
  /** Users issues may be assigned to; anyone else is a 422 `invalid` on `assignees`. */
  assignable?: string[];
  pulls?: GithubPullRequestFixture[];
}

export interface GithubServerOptions {
  /** The OAuth token the server accepts; anything else answers 401 Bad credentials. */
  token: string;
  /** The authenticated user GET /user returns. */
  login?: string;
  repositories: GithubRepositoryFixture[];
}

export interface GithubServer extends ProviderServer {
  issues: { owner: string; repo: string; number: number; title: string; body: string | null; labels: string[]; assignees: string[] }[];
  comments: { owner: string; repo: string; number: number; id: number; body: string }[];
  /**
   * Makes the next `count` calls answer as GitHub's limits do: `primary` is a 403 with
   * x-ratelimit-remaining 0 and x-ratelimit-reset `seconds` from now; `secondary` a 403 with
   * Retry-After `seconds` (or, with `seconds` null, neither header: the message alone says so).
   */
  rateLimitNext(count: number, seconds: number | null, kind?: 'primary' | 'secondary'): void;
}

const epochSeconds = () => Math.floor(Date.now() / 1000);
const bodyOf = (req: Request) => JSON.parse((req.body as Buffer).toString('utf8') || '{}') as Record<string, unknown>;

/**
 * A local GitHub REST API (https://docs.github.com/rest): bearer auth, `{ message,
 * documentation_url, errors? }` error bodies, x-ratelimit-* headers on every answer, Link headers
 * on lists.
 */
export async function startGithubServer(options: GithubServerOptions): Promise<GithubServer> {
  const issues: GithubServer['issues'] = [];
  const comments: GithubServer['comments'] = [];
  let limited: { count: number; seconds: number | null; kind: 'primary' | 'secondary' } = { count: 0, seconds: 1, kind: 'primary' };
  let used = 0;
  let nextId = 1000;

  const fail = (res: Response, status: number, message: string, errors?: unknown[]) =>
    void res.status(status).json({ message, documentation_url: DOCS, ...(errors ? { errors } : {}), status: String(status) });
  const repositoryOf = (req: Request) => options.repositories.find((r) => r.owner === req.params.owner && r.repo === req.params.repo);
  const numbersIn = (repo: GithubRepositoryFixture) => [
    ...(repo.pulls ?? []).map((p) => p.number),
    ...issues.filter((i) => i.owner === repo.owner && i.repo === repo.repo).map((i) => i.number),
  ];

  const server = await startProviderServer((app) => {
    app.use((req: Request, res: Response, next) => {
      if (limited.count > 0) {
        limited.count -= 1;
        if (limited.kind === 'primary') {
          res.setHeader('x-ratelimit-limit', String(HOURLY_LIMIT)).setHeader('x-ratelimit-remaining', '0');
          res.setHeader('x-ratelimit-reset', String(epochSeconds() + (limited.seconds ?? 60)));
          return fail(res, 403, `API rate limit exceeded for user ID 1.`);
        }
        if (limited.seconds !== null) res.setHeader('retry-after', String(limited.seconds));
        return fail(res, 403, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.');
      }
      const authorization = req.headers.authorization;
      if (!authorization) return fail(res, 401, 'Requires authentication');
      if (authorization !== `Bearer ${options.token}`) return fail(res, 401, 'Bad credentials');
      used += 1;
      res.setHeader('x-ratelimit-limit', String(HOURLY_LIMIT)).setHeader('x-ratelimit-remaining', String(HOURLY_LIMIT - used));
      res.setHeader('x-ratelimit-reset', String(epochSeconds() + 3600)).setHeader('x-ratelimit-resource', 'core');
      next();
    });

    app.get('/user', (_req, res) => {
      res.json({ login: options.login ?? 'flowgraph', id: 1, type: 'User' });
    });

    app.post('/repos/:owner/:repo/issues', (req: Request, res: Response) => {
      const repo = repositoryOf(req);
      if (!repo) return fail(res, 404, 'Not Found');
      const body = bodyOf(req) as { title?: string; body?: string; labels?: string[]; assignees?: string[] };
      if (!body.title) return fail(res, 422, 'Validation Failed', [{ resource: 'Issue', code: 'missing_field', field: 'title' }]);
      const unknown = (body.assignees ?? []).filter((a) => !(repo.assignable ?? []).includes(a));
      if (unknown.length > 0)
        return fail(
          res,
          422,
          'Validation Failed',
          unknown.map((value) => ({ value, resource: 'Issue', field: 'assignees', code: 'invalid' })),
        );
      const number = Math.max(0, ...numbersIn(repo)) + 1;
      const issue = {
        owner: repo.owner,
        repo: repo.repo,
        number,
        title: body.title,
        body: body.body ?? null,
        labels: body.labels ?? [],
        assignees: body.assignees ?? [],
      };
      issues.push(issue);
      res.status(201).json({
        id: (nextId += 1),
        node_id: `I_${number}`,
        url: `https://api.github.com/repos/${repo.owner}/${repo.repo}/issues/${number}`,
        html_url: `https://github.com/${repo.owner}/${repo.repo}/issues/${number}`,
        number,
        state: 'open',
        title: issue.title,
        body: issue.body,
        labels: issue.labels.map((name) => ({ name })),
        assignees: issue.assignees.map((login) => ({ login })),
        user: { login: options.login ?? 'flowgraph' },
      });
    });

    app.post('/repos/:owner/:repo/issues/:number/comments', (req: Request, res: Response) => {
      const repo = repositoryOf(req);
      const number = Number(req.params.number);
      if (!repo || !numbersIn(repo).includes(number)) return fail(res, 404, 'Not Found');
      const body = bodyOf(req) as { body?: string };
      if (!body.body) return fail(res, 422, 'Validation Failed', [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }]);
      const id = (nextId += 1);
      comments.push({ owner: repo.owner, repo: repo.repo, number, id, body: body.body });
      res.status(201).json({
        id,
        node_id: `IC_${id}`,
        html_url: `https://github.com/${repo.owner}/${repo.repo}/pull/${number}#issuecomment-${id}`,
        issue_url: `https://api.github.com/repos/${repo.owner}/${repo.repo}/issues/${number}`,
        body: body.body,
        user: { login: options.login ?? 'flowgraph' },
      });
    });

    app.get('/repos/:owner/:repo/pulls', (req: Request, res: Response) => {
      const repo = repositoryOf(req);
      if (!repo) return fail(res, 404, 'Not Found');
      const state = typeof req.query.state === 'string' ? req.query.state : 'open';
      const perPage = Math.min(100, Number(req.query.per_page ?? 30));
      const page = Number(req.query.page ?? 1);
      const matching = (repo.pulls ?? []).filter((p) => state === 'all' || p.state === state).sort((a, b) => b.number - a.number);
      const lastPage = Math.max(1, Math.ceil(matching.length / perPage));
      const link = (to: number, rel: string) =>
        `<http://${req.headers.host}${req.path}?state=${state}&per_page=${perPage}&page=${to}>; rel="${rel}"`;
      const links = [...(page < lastPage ? [link(page + 1, 'next'), link(lastPage, 'last')] : []), ...(page > 1 ? [link(1, 'first')] : [])];
      if (links.length > 0) res.setHeader('link', links.join(', '));
      res.json(
        matching.slice((page - 1) * perPage, page * perPage).map((p) => ({
          id: 5000 + p.number,
          number: p.number,
          state: p.state,
          title: p.title,
          draft: p.draft ?? false,
          html_url: `https://github.com/${repo.owner}/${repo.repo}/pull/${p.number}`,
          user: { login: p.author },
          head: { ref: p.head, label: `${repo.owner}:${p.head}` },
          base: { ref: p.base, label: `${repo.owner}:${p.base}` },
          created_at: '2025-01-02T03:04:05Z',
          updated_at: '2025-01-03T03:04:05Z',
          merged_at: p.mergedAt ?? null,
        })),
      );
    });
  });

  return {
    ...server,
    issues,
    comments,
    rateLimitNext(count, seconds, kind = 'primary') {
      limited = { count, seconds, kind };
    },
  };
}
