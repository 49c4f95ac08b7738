import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { inScopedTransaction, type RowScope, type SecretKeyring } from '@flowgraph/kernel';
import { expiresSoon, type TokenRefresher } from '../actions/token-refresher';
import type { Connector } from '../connectors/connector';
import { ProviderError } from '../connectors/provider-errors';
import { CredentialStore } from '../credentials/credential-store';
import { oauthClientOf, type OAuthConfig, type OAuthCredentials } from './oauth-client';

/**
 * The refresh_token grant, one process at a time per integration: the credentials row is locked,
 * read again, and a token another process refreshed meanwhile is used as it is. Providers that
 * rotate refresh tokens treat a second use of the old one as theft and end the grant, so two
 * workers refreshing together must not both spend it.
 */
export class OAuthTokenRefresher implements TokenRefresher {
  constructor(private readonly deps: { orm: MikroORM; keyring: SecretKeyring; config: OAuthConfig }) {}

  refresh(scope: Required<RowScope>, integrationId: string, connector: Connector, current: OAuthCredentials): Promise<OAuthCredentials> {
    return inScopedTransaction(this.deps.orm.em as EntityManager, scope, async (em) => {
      const store = new CredentialStore(em, this.deps.keyring);
      const latest = await store.load(integrationId, { forUpdate: true });
      if (latest?.kind !== 'oauth2') throw new ProviderError('unauthorized', `${connector.displayName} is no longer connected`);
      if (latest.accessToken !== current.accessToken && !expiresSoon(latest)) return latest;
      if (!latest.refreshToken) throw new ProviderError('unauthorized', `${connector.displayName} gave no refresh token`);
      const refreshed = await oauthClientOf(connector, this.deps.config).refresh(latest.refreshToken);
      const next = { ...refreshed, scope: refreshed.scope ?? latest.scope };
      await store.save(scope.orgId, integrationId, next);
      return next;
    });
  }
}
