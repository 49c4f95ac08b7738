import { z } from 'zod';
import { defineAction, type Connector, type ProviderCall } from '../connector';
import { ProviderError } from '../provider-errors';
import type { ProviderRequest } from '../provider-http';

/** Microsoft Graph's error body (https://learn.microsoft.com/graph/errors). */
const graphError = z.object({ error: z.object({ code: z.string(), message: z.string().optional() }) });

/** Calls Graph with the account's token; non-2xx answers are classified by ProviderHttp (429 carries Retry-After). */
async function callGraph(call: ProviderCall, request: Omit<ProviderRequest, 'endpoint'>): Promise<unknown> {
  if (call.credentials.kind !== 'oauth2') throw new ProviderError('unauthorized', 'Microsoft Teams needs an OAuth token');
  const response = await call.http.request(
    { endpoint: 'graph', ...request, headers: { authorization: `Bearer ${call.credentials.accessToken}`, ...request.headers } },
    call.signal,
  );
  return response.json;
}

/** Team and channel ids contain `:` and `@` (19:…@thread.tacv2): they go into the path encoded. */
const channelPath = (teamId: string, channelId?: string) =>
  `/teams/${encodeURIComponent(teamId)}/channels${channelId === undefined ? '' : `/${encodeURIComponent(channelId)}`}`;

const teamId = z.string().min(1).max(200);

const chatMessage = z.object({ id: z.string(), webUrl: z.string().nullish() }).passthrough();

const postChannelMessage = defineAction({
  description: 'Posts a message to a team channel (POST /teams/{team-id}/channels/{channel-id}/messages).',
  input: z.object({
    teamId,
    channelId: z.string().min(1).max(200),
    content: z.string().min(1).max(28_000),
    contentType: z.enum(['html', 'text']).default('text'),
  }),
  output: z.object({ id: z.string(), webUrl: z.string().nullable() }),
  // Graph honours no idempotency key on chatMessage: the ledger runs it once per step.
  idempotent: false,
  async run(call) {
    const { teamId, channelId, content, contentType } = call.input;
    const message = chatMessage.parse(
      await callGraph(call, {
        method: 'POST',
        path: `${channelPath(teamId, channelId)}/messages`,
        json: { body: { contentType, content } },
      }),
    );
    return { id: message.id, webUrl: message.webUrl ?? null };
  },
});

const graphChannel = z
  .object({
    id: z.string(),
    displayName: z.string(),
    description: z.string().nullish(),
    membershipType: z.string().nullish(),
    webUrl: z.string().nullish(),
  })
  .passthrough();

const listChannels = defineAction({
  description: "Lists a team's channels (GET /teams/{team-id}/channels).",
  input: z.object({ teamId }),
  output: z.object({
    channels: z.array(
      z.object({
        id: z.string(),
        displayName: z.string(),
        description: z.string().nullable(),
        membershipType: z.string().nullable(),
        webUrl: z.string().nullable(),
      }),
    ),
  }),
  idempotent: true,
  async run(call) {
    const answer = z
      .object({ value: z.array(graphChannel) })
      .parse(await callGraph(call, { method: 'GET', path: channelPath(call.input.teamId) }));
    return {
      channels: answer.value.map((channel) => ({
        id: channel.id,
        displayName: channel.displayName,
        description: channel.description ?? null,
        membershipType: channel.membershipType ?? null,
        webUrl: channel.webUrl ?? null,
      })),
    };
  },
});

export const teamsConnector: Connector = {
  id: 'teams',
  displayName: 'Microsoft Teams',
  auth: {
    kind: 'oauth2',
    authorizeUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    // The Microsoft identity platform has no RFC 7009 revocation endpoint: no revokeUrl.
    // User.Read is what GET /me (the health check) needs; offline_access yields a refresh token.
    scopes: ['ChannelMessage.Send', 'Channel.ReadBasic.All', 'User.Read', 'offline_access'],
  },
  endpoints: { graph: 'https://graph.microsoft.com/v1.0' },
  actions: { post_channel_message: postChannelMessage, list_channels: listChannels },
  // Graph's Teams service limits: POST channel message is 2 requests a second per app per team.
  rateLimit: { requests: 2, perSeconds: 1 },
  errorMessage(body) {
    const parsed = graphError.safeParse(body);
    if (!parsed.success) return undefined;
    const { code, message } = parsed.data.error;
    return message ? `${code}: ${message}` : code;
  },
  async healthCheck(call) {
    await callGraph(call, { method: 'GET', path: '/me', query: { $select: 'id' } });
  },
};
