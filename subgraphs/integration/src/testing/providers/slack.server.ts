import type { Request, Response } from 'express';
import { startProviderServer, type ProviderServer } from './provider-server';

export interface SlackServerOptions {
  /**
   * The bot token the server accepts, or a check of the bearer token (e.g. introspection at a
   * test authorization server); anything else answers `invalid_auth`.
   */
  token: string | ((token: string) => boolean | Promise<boolean>);
  /** Members users.lookupByEmail knows. */
  users?: { id: string; name: string; email: string; real_name?: string }[];
}

export interface SlackServer extends ProviderServer {
  /** Messages posted, in order. */
  messages: { channel: string; text: string; ts: string }[];
  /** Makes the next `count` calls answer 429 with `Retry-After: seconds`, as Slack's rate limiter does. */
  rateLimitNext(count: number, seconds: number): void;
  /** Revokes the token: from now on it answers `token_revoked`, as Slack does after auth.revoke or an uninstall. */
  revokeToken(): void;
  /** Makes the next `count` calls answer HTTP 503, as Slack does during an outage. */
  outageNext(count: number): void;
  /** Holds the next `count` answers back by `ms` (a slow or hung Slack). */
  delayNext(count: number, ms: number): void;
}

/**
 * A local Slack Web API (https://api.slack.com/web): methods under the base URL, bearer auth,
 * `{ ok, … }` bodies at HTTP 200 for errors, 429 with Retry-After when rate limited.
 */
export async function startSlackServer(options: SlackServerOptions): Promise<SlackServer> {
  const messages: SlackServer['messages'] = [];
  let limited = { count: 0, seconds: 1 };
  let outages = 0;
  let delayed = { count: 0, ms: 0 };
  let revoked = false;
  const server = await startProviderServer((app) => {
    const accepts = typeof options.token === 'string' ? (token: string) => token === options.token : options.token;
    app.use((_req: Request, _res: Response, next) => {
      if (delayed.count === 0) return next();
      delayed.count -= 1;
      setTimeout(next, delayed.ms);
    });
    app.use(async (req: Request, res: Response, next) => {
      if (outages > 0) {
        outages -= 1;
        res.status(503).type('text/plain').send('Service Unavailable');
        return;
      }
      if (limited.count > 0) {
        limited.count -= 1;
        res.status(429).setHeader('retry-after', String(limited.seconds));
        res.json({ ok: false, error: 'ratelimited' });
        return;
      }
      const bearer = req.headers.authorization?.startsWith('Bearer ') ? req.headers.authorization.slice('Bearer '.length) : null;
      if (revoked && bearer !== null) {
        res.json({ ok: false, error: 'token_revoked' });
        return;
      }
      if (bearer === null || !(await accepts(bearer))) {
        res.json({ ok: false, error: req.headers.authorization ? 'invalid_auth' : 'not_authed' });
        return;
      }
      next();
    });
    app.post('/auth.test', (_req, res) => {
      res.json({
        ok: true,
        url: 'https://flowgraph-test.slack.com/',
        team: 'Flowgraph Test',
        user: 'flowgraph',
        team_id: 'T0001',
        user_id: 'U0001',
      });
    });
    app.post('/chat.postMessage', (req: Request, res: Response) => {
      const body = JSON.parse((req.body as Buffer).toString('utf8') || '{}') as { channel?: string; text?: string };
      if (!body.channel) return void res.json({ ok: false, error: 'channel_not_found' });
      if (!body.text) return void res.json({ ok: false, error: 'no_text' });
      const ts = `${Math.floor(Date.now() / 1000)}.${String(messages.length + 1).padStart(6, '0')}`;
      messages.push({ channel: body.channel, text: body.text, ts });
      res.json({ ok: true, channel: body.channel, ts, message: { type: 'message', text: body.text, ts } });
    });
    app.get('/users.lookupByEmail', (req: Request, res: Response) => {
      const user = options.users?.find((u) => u.email === req.query.email);
      if (!user) return void res.json({ ok: false, error: 'users_not_found' });
      res.json({ ok: true, user: { id: user.id, name: user.name, real_name: user.real_name, profile: { email: user.email } } });
    });
  });
  return {
    ...server,
    messages,
    rateLimitNext(count, seconds) {
      limited = { count, seconds };
    },
    revokeToken() {
      revoked = true;
    },
    outageNext(count) {
      outages = count;
    },
    delayNext(count, ms) {
      delayed = { count, ms };
    },
  };
}
