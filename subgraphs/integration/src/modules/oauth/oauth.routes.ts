import type { Express, Request, Response } from 'express';
import { sendUnexpectedError, type Logger } from '@flowgraph/kernel';
import type { OAuthConfig } from './oauth-client';
import type { OAuthService } from './oauth.service';

/** One cookie per flow, so two connections started in one browser do not overwrite each other. */
const cookieName = (flowId: string) => `fg_oauth_${flowId}`;

const REFUSALS = {
  unknown: [404, 'This connection link is unknown. Start connecting again from Flowgraph.'],
  already_opened: [410, 'This connection link was already opened. Start connecting again from Flowgraph.'],
  expired: [410, 'This connection link has expired. Start connecting again from Flowgraph.'],
} as const;

function cookiesOf(req: Request): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0) cookies.set(part.slice(0, separator).trim(), decodeURIComponent(part.slice(separator + 1).trim()));
  }
  return cookies;
}

const single = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The browser's two visits of an OAuth connection, reached through the gateway (which forwards
 * the Cookie header and passes Location and Set-Cookie back). Neither carries an identity: the
 * flow id, the single-use state and the cookie set here are what tie the visits to the flow.
 */
export function oauthRoutes(options: { oauth: OAuthService; config: OAuthConfig; logger: Logger }) {
  const cookie = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: new URL(options.config.PUBLIC_URL).protocol === 'https:',
    path: '/oauth',
  };
  const requestIdOf = (req: Request) => single(req.headers['x-request-id']) ?? '';
  const fail = (res: Response, req: Request, error: unknown) =>
    sendUnexpectedError(res, error, requestIdOf(req), options.logger, 'oauth route failed');

  return (app: Express): void => {
    app.get('/oauth/authorize/:flowId', async (req: Request, res: Response) => {
      // The provider URL carries the state: never cached, never sent on as a referrer.
      res.set({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
      try {
        const flowId = String(req.params.flowId);
        const answer = await options.oauth.authorize(flowId);
        if (answer.kind === 'refused') {
          const [status, message] = REFUSALS[answer.reason];
          res.status(status).type('text/plain').send(message);
          return;
        }
        res.cookie(cookieName(flowId), answer.browserSecret, { ...cookie, maxAge: 10 * 60_000 });
        res.redirect(302, answer.location);
      } catch (error) {
        fail(res, req, error);
      }
    });

    app.get('/oauth/callback', async (req: Request, res: Response) => {
      res.set({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
      try {
        const cookies = cookiesOf(req);
        let asked: string | undefined;
        const location = await options.oauth.complete({
          code: single(req.query.code),
          state: single(req.query.state),
          error: single(req.query.error),
          browserSecretOf: (flowId) => {
            asked = flowId;
            return cookies.get(cookieName(flowId));
          },
          requestId: requestIdOf(req),
          ip: single(req.headers['x-forwarded-for'])?.split(',')[0]?.trim() ?? req.ip,
        });
        if (asked) res.clearCookie(cookieName(asked), cookie);
        res.redirect(302, location);
      } catch (error) {
        fail(res, req, error);
      }
    });
  };
}
