import type { Request, Response } from 'express';
import { startProviderServer, type ProviderServer } from './provider-server';

export interface GitlabProjectFixture {
  id: number;
  /** `group/project`: the API takes it URL-encoded in place of the id. */
  path: string;
  /** Merge requests that exist, by iid. */
  mergeRequestIids?: number[];
}

export interface GitlabServerOptions {
  /** The OAuth token the server accepts; another answers 401 `invalid_token`, none `401 Unauthorized`. */
  token: string;
  username?: string;
  projects: GitlabProjectFixture[];
}

export interface GitlabServer extends ProviderServer {
  issues: {
    projectId: number;
    iid: number;
    title: string;
    description: string | null;
    labels: string[];
    assigneeIds: number[];
    confidential: boolean;
  }[];
  notes: { projectId: number; mergeRequestIid: number; id: number; body: string }[];
  /**
   * Makes the next `count` calls answer as GitLab's rate limiter does: 429 `Retry later` with
   * Retry-After `seconds` and the RateLimit-* headers.
   */
  rateLimitNext(count: number, seconds: number): void;
}

const bodyOf = (req: Request) => JSON.parse((req.body as Buffer).toString('utf8') || '{}') as Record<string, unknown>;
const fail = (res: Response, status: number, body: Record<string, unknown>) => void res.status(status).json(body);

/**
 * A local GitLab REST API v4 (https://docs.gitlab.com/api/rest/): projects by id or URL-encoded
 * path, bearer auth, `{ message }` / `{ error }` / OAuth `{ error, error_description }` error
 * bodies, 429 with Retry-After and RateLimit-* headers.
 */
export async function startGitlabServer(options: GitlabServerOptions): Promise<GitlabServer> {
  const issues: GitlabServer['issues'] = [];
  const notes: GitlabServer['notes'] = [];
  let limited = { count: 0, seconds: 1 };
  let nextId = 7000;
  // Express decodes `%2F` in a parameter, so a project is found by its id or its path alike.
  const projectOf = (req: Request) => options.projects.find((p) => String(p.id) === req.params.id || p.path === req.params.id);

  const server = await startProviderServer((app) => {
    app.use((req: Request, res: Response, next) => {
      if (limited.count > 0) {
        limited.count -= 1;
        const reset = Math.floor(Date.now() / 1000) + limited.seconds;
        res.status(429).setHeader('retry-after', String(limited.seconds));
        res.setHeader('ratelimit-limit', '2000').setHeader('ratelimit-observed', '2001').setHeader('ratelimit-remaining', '0');
        res.setHeader('ratelimit-reset', String(reset)).setHeader('ratelimit-resettime', new Date(reset * 1000).toUTCString());
        res.type('text/plain').send('Retry later\n');
        return;
      }
      const authorization = req.headers.authorization;
      if (!authorization) return fail(res, 401, { message: '401 Unauthorized' });
      if (authorization !== `Bearer ${options.token}`)
        return fail(res, 401, { error: 'invalid_token', error_description: 'Token was revoked. You have to re-authorize from the user.' });
      next();
    });

    app.get('/user', (_req, res) => {
      res.json({ id: 1, username: options.username ?? 'flowgraph', name: 'Flowgraph', state: 'active' });
    });

    app.post('/projects/:id/issues', (req: Request, res: Response) => {
      const project = projectOf(req);
      if (!project) return fail(res, 404, { message: '404 Project Not Found' });
      const body = bodyOf(req) as {
        title?: string;
        description?: string;
        labels?: string;
        assignee_ids?: number[];
        confidential?: boolean;
      };
      if (!body.title) return fail(res, 400, { error: 'title is missing' });
      if (body.title.length > 255) return fail(res, 400, { message: { title: ['is too long (maximum is 255 characters)'] } });
      const iid = issues.filter((i) => i.projectId === project.id).length + 1;
      const issue = {
        projectId: project.id,
        iid,
        title: body.title,
        description: body.description ?? null,
        labels: body.labels ? body.labels.split(',') : [],
        assigneeIds: body.assignee_ids ?? [],
        confidential: body.confidential ?? false,
      };
      issues.push(issue);
      res.status(201).json({
        id: (nextId += 1),
        iid,
        project_id: project.id,
        title: issue.title,
        description: issue.description,
        state: 'opened',
        labels: issue.labels,
        assignees: issue.assigneeIds.map((id) => ({ id })),
        confidential: issue.confidential,
        created_at: new Date().toISOString(),
        web_url: `https://gitlab.com/${project.path}/-/issues/${iid}`,
      });
    });

    app.post('/projects/:id/merge_requests/:iid/notes', (req: Request, res: Response) => {
      const project = projectOf(req);
      if (!project) return fail(res, 404, { message: '404 Project Not Found' });
      const iid = Number(req.params.iid);
      if (!(project.mergeRequestIids ?? []).includes(iid)) return fail(res, 404, { message: '404 Not found' });
      const body = bodyOf(req) as { body?: string };
      if (!body.body) return fail(res, 400, { error: 'body is missing' });
      const id = (nextId += 1);
      notes.push({ projectId: project.id, mergeRequestIid: iid, id, body: body.body });
      res.status(201).json({
        id,
        type: null,
        body: body.body,
        author: { id: 1, username: options.username ?? 'flowgraph' },
        created_at: new Date().toISOString(),
        system: false,
        noteable_id: 90_000 + iid,
        noteable_type: 'MergeRequest',
        noteable_iid: iid,
        project_id: project.id,
      });
    });
  });

  return {
    ...server,
    issues,
    notes,
    rateLimitNext(count, seconds) {
      limited = { count, seconds };
    },
  };
}
