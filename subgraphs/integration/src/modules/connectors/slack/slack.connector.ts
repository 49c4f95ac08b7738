import { z } from 'zod';
import { defineAction, type Connector, type ProviderCall } from '../connector';
import { ProviderError } from '../provider-errors';
import type { ProviderRequest } from '../provider-http';

/** Slack Web API errors that mean the token no longer works (https://api.slack.com/methods, "Errors"). */
const AUTH_ERRORS = new Set(['not_authed', 'invalid_auth', 'account_inactive', 'token_revoked', 'token_expired', 'no_permission']);

const slackAnswer = z.object({ ok: z.boolean(), error: z.string().optional() }).passthrough();

/**
 * Calls a Web API method. Slack answers most failures with HTTP 200 and `{ ok: false, error }`,
 * so the `ok` flag, not the status, decides (a rate limit is still a 429 with Retry-After).
 */
async function callMethod(call: ProviderCall, request: Omit<ProviderRequest, 'endpoint'>): Promise<Record<string, unknown>> {
  if (call.credentials.kind !== 'oauth2') throw new ProviderError('unauthorized', 'Slack needs an OAuth token');
  const response = await call.http.request(
    { endpoint: 'api', ...request, headers: { authorization: `Bearer ${call.credentials.accessToken}`, ...request.headers } },
    call.signal,
  );
  const answer = slackAnswer.safeParse(response.json);
  if (!answer.success) throw new ProviderError('unavailable', `Slack answered ${request.path} with an unexpected body`, response.status);
  if (!answer.data.ok) {
    const error = answer.data.error ?? 'unknown_error';
    if (error === 'ratelimited') throw new ProviderError('rate_limited', `Slack ${request.path}: ${error}`, response.status, 5_000);
    throw new ProviderError(AUTH_ERRORS.has(error) ? 'unauthorized' : 'rejected', `Slack ${request.path}: ${error}`, response.status);
  }
  return answer.data;
}

const postMessage = defineAction({
  description: 'Posts a message to a channel (chat.postMessage).',
  input: z.object({
    /** A channel id (C…), or a name like #reviews. */
    channel: z.string().min(1).max(200),
    text: z.string().min(1).max(40_000),
    threadTs: z.string().max(50).optional(),
  }),
  output: z.object({ channel: z.string(), ts: z.string() }),
  // Slack has no idempotency key for chat.postMessage: the ledger runs it once per step.
  idempotent: false,
  async run(call) {
    const answer = await callMethod(call, {
      method: 'POST',
      path: '/chat.postMessage',
      json: { channel: call.input.channel, text: call.input.text, thread_ts: call.input.threadTs },
    });
    return { channel: String(answer.channel), ts: String(answer.ts) };
  },
});

const slackUser = z.object({ id: z.string(), name: z.string(), real_name: z.string().optional() }).passthrough();

const lookupUser = defineAction({
  description: 'Finds a workspace member by email (users.lookupByEmail).',
  input: z.object({ email: z.string().email().max(320) }),
  output: z.object({ id: z.string(), name: z.string(), realName: z.string().nullable() }),
  idempotent: true,
  async run(call) {
    const answer = await callMethod(call, { method: 'GET', path: '/users.lookupByEmail', query: { email: call.input.email } });
    const user = slackUser.parse(answer.user);
    return { id: user.id, name: user.name, realName: user.real_name ?? null };
  },
});

export const slackConnector: Connector = {
  id: 'slack',
  displayName: 'Slack',
  auth: {
    kind: 'oauth2',
    authorizeUrl: 'https://slack.com/oauth/v2/authorize',
    tokenUrl: 'https://slack.com/api/oauth.v2.access',
    revokeUrl: 'https://slack.com/api/auth.revoke',
    scopes: ['chat:write', 'users:read', 'users:read.email'],
  },
  endpoints: { api: 'https://slack.com/api' },
  actions: { post_message: postMessage, lookup_user: lookupUser },
  webhooks: { scheme: 'slack', eventTypes: ['message', 'app_mention', 'reaction_added'] },
  // Tier 3 methods allow about 50 calls a minute per workspace.
  rateLimit: { requests: 50, perSeconds: 60 },
  async healthCheck(call) {
    await callMethod(call, { method: 'POST', path: '/auth.test' });
  },
};
