// A real OAuth 2.0 authorization server (panva's oidc-provider) for the OAuth tests. It is
// ESM-only, so jest runs it in a child process: this script.
// Input: OAUTH_TEST_SETTINGS (JSON: clientId, clientSecret, redirectUri, scopes, accessTokenTtl, port?).
// Output: one stdout line, JSON { issuer } once listening. One client (client_secret_basic),
// PKCE required, refresh tokens rotated, RFC 7009 revocation and RFC 7662 introspection on; the
// interaction pages approve every request as the account `test-account` without a page.
import http from 'node:http';
import Provider from 'oidc-provider';

const settings = JSON.parse(process.env.OAUTH_TEST_SETTINGS);
const ACCOUNT = 'test-account';

const server = http.createServer();
await new Promise((resolve) => server.listen(settings.port ?? 0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
      redirect_uris: [settings.redirectUri],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  scopes: ['openid', 'offline_access', ...settings.scopes],
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false }, revocation: { enabled: true }, introspection: { enabled: true } },
  // Every token response carries a refresh token (providers like Slack do without offline_access).
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: true,
  ttl: { AccessToken: settings.accessTokenTtl, AuthorizationCode: 60, Grant: 3600, Interaction: 600, RefreshToken: 3600, Session: 3600 },
  cookies: { keys: ['oauth-test-cookie-key'] },
  findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
});

// The interaction page: logs the test account in, then grants what the client asked for.
provider.use(async (ctx, next) => {
  if (ctx.method !== 'GET' || !ctx.path.startsWith('/interaction/')) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  let result;
  if (details.prompt.name === 'login') {
    result = { login: { accountId: ACCOUNT } };
  } else {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: ACCOUNT, clientId: details.params.client_id });
    if (details.params.scope) grant.addOIDCScope(details.params.scope);
    result = { consent: { grantId: await grant.save() } };
  }
  const location = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
  ctx.redirect(location);
});

server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
