import { z } from 'zod';
import { defineAction, type Connector, type ProviderCall } from '../connector';
import { ProviderError } from '../provider-errors';
import type { ProviderRequest, ProviderResponse } from '../provider-http';

/**
 * GitLab's error bodies (https://docs.gitlab.com/api/rest/troubleshooting/): `{ message }` where
 * message is a string, a list, or field → messages on a validation failure; `{ error }` for a
 * missing parameter; `{ error, error_description }` from OAuth (an expired or revoked token).
 */
const gitlabError = z.union([
  z.object({ message: z.union([z.string(), z.array(z.string()), z.record(z.string(), z.union([z.string(), z.array(z.string())]))]) }),
  z.object({ error: z.string(), error_description: z.string().optional() }),
]);

function errorMessage(body: unknown): string | undefined {
  const parsed = gitlabError.safeParse(body);
  if (!parsed.success) return undefined;
  if ('error' in parsed.data) return [parsed.data.error, parsed.data.error_description].filter(Boolean).join(': ');
  const { message } = parsed.data;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return Object.entries(message)
    .map(([field, messages]) => `${field} ${([] as string[]).concat(messages).join(', ')}`)
    .join('; ');
}

/** Rate limits are 429 with Retry-After and RateLimit-Reset, which ProviderHttp turns into the wait. */
async function callApi(call: ProviderCall, request: Omit<ProviderRequest, 'endpoint'>): Promise<ProviderResponse> {
  if (call.credentials.kind !== 'oauth2') throw new ProviderError('unauthorized', 'GitLab needs an OAuth token');
  return call.http.request(
    { endpoint: 'api', ...request, headers: { authorization: `Bearer ${call.credentials.accessToken}` } },
    call.signal,
  );
}

/** A project's numeric id or its full path (`group/subgroup/project`), URL-encoded into one segment. */
const projectId = z.union([z.number().int().positive(), z.string().min(1).max(255)]);
const projectPath = (id: number | string) => `/projects/${encodeURIComponent(String(id))}`;

const createdIssue = z.object({ id: z.number(), iid: z.number(), web_url: z.string(), state: z.string() }).passthrough();

const createIssue = defineAction({
  description: 'Opens an issue in a project (POST /projects/:id/issues).',
  input: z.object({
    projectId,
    title: z.string().min(1).max(255),
    // GitLab caps descriptions at 1,048,576 characters.
    description: z.string().max(1_048_576).optional(),
    labels: z
      .array(
        z
          .string()
          .min(1)
          .max(255)
          .regex(/^[^,]+$/, 'a label without commas'),
      )
      .max(100)
      .optional(),
    assigneeIds: z.array(z.number().int().positive()).max(100).optional(),
    confidential: z.boolean().optional(),
  }),
  output: z.object({ id: z.number(), iid: z.number(), url: z.string(), state: z.string() }),
  // GitLab honours no idempotency key when creating issues: the ledger runs it once per step.
  idempotent: false,
  async run(call) {
    const { projectId: id, description, labels, assigneeIds, confidential, title } = call.input;
    const response = await callApi(call, {
      method: 'POST',
      path: `${projectPath(id)}/issues`,
      // GitLab takes labels as one comma-separated string.
      json: { title, description, labels: labels?.join(','), assignee_ids: assigneeIds, confidential },
    });
    const issue = createdIssue.parse(response.json);
    return { id: issue.id, iid: issue.iid, url: issue.web_url, state: issue.state };
  },
});

const createdNote = z.object({ id: z.number(), created_at: z.string(), noteable_iid: z.number().nullable().optional() }).passthrough();

const commentOnMergeRequest = defineAction({
  description: 'Adds a comment to a merge request (POST /projects/:id/merge_requests/:merge_request_iid/notes).',
  input: z.object({
    projectId,
    mergeRequestIid: z.number().int().positive(),
    // GitLab caps note bodies at 1,000,000 characters.
    body: z.string().min(1).max(1_000_000),
  }),
  output: z.object({ id: z.number(), createdAt: z.string() }),
  // No idempotency key for notes either.
  idempotent: false,
  async run(call) {
    const { projectId: id, mergeRequestIid, body } = call.input;
    const response = await callApi(call, {
      method: 'POST',
      path: `${projectPath(id)}/merge_requests/${mergeRequestIid}/notes`,
      json: { body },
    });
    const note = createdNote.parse(response.json);
    return { id: note.id, createdAt: note.created_at };
  },
});

export const gitlabConnector: Connector = {
  id: 'gitlab',
  displayName: 'GitLab',
  auth: {
    kind: 'oauth2',
    authorizeUrl: 'https://gitlab.com/oauth/authorize',
    tokenUrl: 'https://gitlab.com/oauth/token',
    revokeUrl: 'https://gitlab.com/oauth/revoke',
    scopes: ['api'],
  },
  // A self-managed instance is CONNECTOR_GITLAB_API_URL (and the OAuth URLs beside it).
  endpoints: { api: 'https://gitlab.com/api/v4' },
  actions: { create_issue: createIssue, comment_on_merge_request: commentOnMergeRequest },
  webhooks: { scheme: 'gitlab', eventTypes: ['Merge Request Hook', 'Issue Hook', 'Push Hook', 'Note Hook', 'Pipeline Hook'] },
  // Issue and note creation are limited to 300 a minute per user by default, well under
  // GitLab.com's 2,000 authenticated API requests a minute.
  rateLimit: { requests: 300, perSeconds: 60 },
  errorMessage,
  async healthCheck(call) {
    await callApi(call, { method: 'GET', path: '/user' });
  },
};
