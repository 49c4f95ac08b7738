import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { startProviderServer, type ProviderServer } from './provider-server';

export interface TeamsChannel {
  id: string;
  displayName: string;
  description?: string;
  membershipType?: 'standard' | 'private' | 'shared';
}

export interface TeamsServerOptions {
  /** The access token the server accepts; anything else answers 401 InvalidAuthenticationToken. */
  token: string;
  /** Teams by id, with their channels. */
  teams: Record<string, TeamsChannel[]>;
}

export interface TeamsServer extends ProviderServer {
  /** Messages posted, in order. */
  messages: { teamId: string; channelId: string; id: string; contentType: string; content: string }[];
  /** Makes the next `count` calls answer 429 with `Retry-After: seconds`, as Graph throttling does. */
  rateLimitNext(count: number, seconds: number): void;
}

const graphError = (res: Response, status: number, code: string, message: string) =>
  void res.status(status).json({ error: { code, message, innerError: { 'request-id': randomUUID(), date: new Date().toISOString() } } });

const channelUrl = (teamId: string, channel: TeamsChannel) =>
  `https://teams.microsoft.com/l/channel/${encodeURIComponent(channel.id)}/${encodeURIComponent(channel.displayName)}?groupId=${teamId}`;

/**
 * A local Microsoft Graph (v1.0) for the Teams calls: bearer auth, `{ error: { code, message } }`
 * bodies, 201 with the chatMessage on a post, 429 with Retry-After when throttled.
 */
export async function startTeamsServer(options: TeamsServerOptions): Promise<TeamsServer> {
  const messages: TeamsServer['messages'] = [];
  let limited = { count: 0, seconds: 1 };
  const server = await startProviderServer((app) => {
    app.use((req: Request, res: Response, next) => {
      if (limited.count > 0) {
        limited.count -= 1;
        res.setHeader('retry-after', String(limited.seconds));
        return graphError(res, 429, 'TooManyRequests', 'Too many requests. Please retry after the time in Retry-After.');
      }
      if (!req.headers.authorization) return graphError(res, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
      if (req.headers.authorization !== `Bearer ${options.token}`) {
        return graphError(res, 401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.');
      }
      next();
    });
    app.get('/me', (_req, res) => {
      res.json({
        '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity',
        id: 'a0b1c2d3-user',
        displayName: 'Flowgraph Test',
      });
    });
    app.get('/teams/:teamId/channels', (req: Request<{ teamId: string }>, res: Response) => {
      const channels = options.teams[req.params.teamId];
      if (!channels) return graphError(res, 404, 'NotFound', `No team found with Group Id ${req.params.teamId}`);
      res.json({
        '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#teams('${req.params.teamId}')/channels`,
        '@odata.count': channels.length,
        value: channels.map((channel) => ({
          id: channel.id,
          createdDateTime: '2026-01-01T00:00:00Z',
          displayName: channel.displayName,
          description: channel.description ?? null,
          membershipType: channel.membershipType ?? 'standard',
          webUrl: channelUrl(req.params.teamId, channel),
        })),
      });
    });
    app.post('/teams/:teamId/channels/:channelId/messages', (req: Request<{ teamId: string; channelId: string }>, res: Response) => {
      const { teamId, channelId } = req.params;
      if (!options.teams[teamId]?.some((channel) => channel.id === channelId)) {
        return graphError(res, 404, 'NotFound', `Channel ${channelId} was not found in team ${teamId}`);
      }
      const payload = JSON.parse((req.body as Buffer).toString('utf8') || '{}') as { body?: { contentType?: string; content?: string } };
      const contentType = payload.body?.contentType ?? 'text';
      if (!payload.body?.content) return graphError(res, 400, 'BadRequest', 'Message body cannot be empty.');
      if (contentType !== 'text' && contentType !== 'html')
        return graphError(res, 400, 'BadRequest', `Invalid contentType ${contentType}.`);
      const id = String(Date.now() * 1000 + messages.length);
      messages.push({ teamId, channelId, id, contentType, content: payload.body.content });
      res.status(201).json({
        id,
        messageType: 'message',
        createdDateTime: new Date().toISOString(),
        webUrl: `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${id}?groupId=${teamId}`,
        channelIdentity: { teamId, channelId },
        body: { contentType, content: payload.body.content },
      });
    });
  });
  return {
    ...server,
    messages,
    rateLimitNext(count, seconds) {
      limited = { count, seconds };
    },
  };
}
