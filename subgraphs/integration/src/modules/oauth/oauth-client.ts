import type * as OAuth from 'oauth4webapi' with { 'resolution-mode': 'import' };
import { conflict } from '@flowgraph/kernel';
import { clientVariable, endpointVariable, resolveEndpoints, type IntegrationConfig } from '../../config';
import type { Connector, OAuth2Auth } from '../connectors/connector';
import { ProviderError } from '../connectors/provider-errors';
import type { StoredCredentials } from '../credentials/credential-store';

export type OAuthCredentials = Extract<StoredCredentials, { kind: 'oauth2' }>;

/** Give up on a provider's token or revocation endpoint after this long. */
const TOKEN_ENDPOINT_TIMEOUT_MS = 30_000;

/** The settings an OAuth flow reads; `PUBLIC_URL` and `WEB_APP_URL` are read on each use. */
export type OAuthConfig = Pick<IntegrationConfig, 'PUBLIC_URL' | 'WEB_APP_URL' | 'NODE_ENV'> & Record<string, unknown>;

type OAuthLibrary = typeof OAuth;
let library: Promise<OAuthLibrary> | undefined;
/** oauth4webapi is ESM-only: loaded with import() from our CommonJS, once. */
const oauthLibrary = (): Promise<OAuthLibrary> => (library ??= import('oauth4webapi'));

/** Where the provider sends the browser back: one URL for every connector, on the gateway. */
export const redirectUriOf = (config: OAuthConfig) => new URL('/oauth/callback', config.PUBLIC_URL).toString();

/**
 * One connector's OAuth client (oauth4webapi): its endpoints resolved from config, its client
 * registration, and the requests of the authorization-code, refresh and revocation grants.
 */
export class OAuthClient {
  private readonly as: OAuth.AuthorizationServer;
  private readonly client: OAuth.Client;
  private readonly clientSecret: string;
  /** Plain http only outside production (tests and local providers). */
  private readonly insecure: boolean;

  constructor(
    readonly connector: Connector,
    private readonly auth: OAuth2Auth,
    private readonly config: OAuthConfig,
  ) {
    const clientId = config[clientVariable(connector, 'ID')];
    const clientSecret = config[clientVariable(connector, 'SECRET')];
    if (typeof clientId !== 'string' || typeof clientSecret !== 'string') {
      throw conflict(
        `${connector.displayName} has no OAuth client: set ${clientVariable(connector, 'ID')} and ${clientVariable(connector, 'SECRET')}`,
      );
    }
    const tokenUrl = this.endpoint('TOKEN', auth.tokenUrl);
    const revokeUrl = auth.revokeUrl ? this.endpoint('REVOKE', auth.revokeUrl) : undefined;
    // Our providers are fixed, not discovered: the issuer only names the token endpoint's origin.
    this.as = { issuer: new URL(tokenUrl).origin, token_endpoint: tokenUrl, revocation_endpoint: revokeUrl };
    this.client = { client_id: clientId };
    this.clientSecret = clientSecret;
    this.insecure = config.NODE_ENV !== 'production';
  }

  get revocable(): boolean {
    return this.as.revocation_endpoint !== undefined;
  }

  /** A new PKCE code verifier (kept encrypted by the flow until the code is exchanged). */
  async newCodeVerifier(): Promise<string> {
    return (await oauthLibrary()).generateRandomCodeVerifier();
  }

  /** The provider's authorization URL for one flow (PKCE S256). */
  async authorizationUrl(state: string, codeVerifier: string): Promise<string> {
    const oauth = await oauthLibrary();
    const url = new URL(this.endpoint('AUTHORIZE', this.auth.authorizeUrl));
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.client.client_id);
    url.searchParams.set('redirect_uri', redirectUriOf(this.config));
    url.searchParams.set('scope', this.auth.scopes.join(' '));
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
    for (const [name, value] of Object.entries(this.auth.authorizeParams ?? {})) url.searchParams.set(name, value);
    return url.toString();
  }

  /**
   * Exchanges the callback's code for tokens. The state was already matched by the flow store;
   * `iss` (RFC 9207) is not passed on: our providers are fixed, the flow names the one that may
   * receive this code, and several do not send it or name an issuer other than this origin.
   */
  async exchangeCode(code: string, state: string, codeVerifier: string): Promise<OAuthCredentials> {
    return this.tokenCall(async (oauth, options) => {
      const parameters = oauth.validateAuthResponse(this.as, this.client, new URLSearchParams({ code, state }), state);
      const response = await oauth.authorizationCodeGrantRequest(
        this.as,
        this.client,
        oauth.ClientSecretBasic(this.clientSecret),
        parameters,
        redirectUriOf(this.config),
        codeVerifier,
        options,
      );
      return credentialsOf(await oauth.processAuthorizationCodeResponse(this.as, this.client, response));
    });
  }

  /** A new access token; a provider that does not rotate refresh tokens keeps the current one. */
  async refresh(refreshToken: string): Promise<OAuthCredentials> {
    return this.tokenCall(async (oauth, options) => {
      const clientAuth = oauth.ClientSecretBasic(this.clientSecret);
      const response = await oauth.refreshTokenGrantRequest(this.as, this.client, clientAuth, refreshToken, options);
      const tokens = credentialsOf(await oauth.processRefreshTokenResponse(this.as, this.client, response));
      return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken };
    });
  }

  /** RFC 7009: the refresh token when there is one (revoking it ends the grant), else the access token. */
  async revoke(credentials: OAuthCredentials): Promise<void> {
    if (!this.revocable) return;
    const [token, hint] = credentials.refreshToken
      ? [credentials.refreshToken, 'refresh_token']
      : [credentials.accessToken, 'access_token'];
    await this.tokenCall(async (oauth, options) => {
      const response = await oauth.revocationRequest(this.as, this.client, oauth.ClientSecretBasic(this.clientSecret), token, {
        ...options,
        additionalParameters: { token_type_hint: hint },
      });
      await oauth.processRevocationResponse(response);
    });
  }

  private endpoint(name: 'AUTHORIZE' | 'TOKEN' | 'REVOKE', value: string): string {
    const override = this.config[endpointVariable(this.connector, name)];
    if (typeof override === 'string') return override;
    // A name of one of the connector's endpoints, or an absolute URL.
    return resolveEndpoints(this.connector, this.config)[value] ?? value;
  }

  /** One call to the provider, its failures classified as every provider call's are. */
  private async tokenCall<T>(
    call: (oauth: OAuthLibrary, options: { signal: AbortSignal; [OAuth.allowInsecureRequests]: boolean }) => Promise<T>,
  ): Promise<T> {
    const oauth = await oauthLibrary();
    try {
      return await call(oauth, { signal: AbortSignal.timeout(TOKEN_ENDPOINT_TIMEOUT_MS), [oauth.allowInsecureRequests]: this.insecure });
    } catch (error) {
      throw classify(oauth, this.connector, error);
    }
  }
}

/** The client of an OAuth connector; a CONFLICT error when the connector does not use OAuth or has no client configured. */
export function oauthClientOf(connector: Connector, config: OAuthConfig): OAuthClient {
  if (connector.auth.kind !== 'oauth2') throw conflict(`${connector.displayName} does not connect with OAuth`);
  return new OAuthClient(connector, connector.auth, config);
}

function credentialsOf(tokens: OAuth.TokenEndpointResponse): OAuthCredentials {
  return {
    kind: 'oauth2',
    accessToken: tokens.access_token,
    ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
    ...(tokens.expires_in !== undefined ? { expiresAt: new Date(Date.now() + tokens.expires_in * 1000).toISOString() } : {}),
    ...(tokens.scope ? { scope: tokens.scope } : {}),
  };
}

/**
 * invalid_grant (a code or refresh token that is spent, revoked or expired) means the user must
 * connect again; a 5xx or a network failure may pass; anything else the provider refused. Only
 * the provider's error code is kept: its bodies can echo what was sent.
 */
function classify(oauth: OAuthLibrary, connector: Connector, error: unknown): ProviderError {
  const what = `${connector.displayName} OAuth`;
  if (error instanceof oauth.ResponseBodyError) {
    if (error.error === 'invalid_grant') return new ProviderError('unauthorized', `${what}: invalid_grant`, error.status);
    return new ProviderError(error.status >= 500 ? 'unavailable' : 'rejected', `${what}: ${error.error}`, error.status);
  }
  if (error instanceof oauth.OperationProcessingError) return new ProviderError('rejected', `${what}: ${error.code ?? 'invalid response'}`);
  const name = error instanceof Error ? error.name : 'error';
  return new ProviderError('unavailable', `${what}: ${name === 'TimeoutError' ? 'timed out' : 'unreachable'}`);
}
