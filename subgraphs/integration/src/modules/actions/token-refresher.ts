import type { RowScope } from '@flowgraph/kernel';
import type { Connector } from '../connectors/connector';
import type { StoredCredentials } from '../credentials/credential-store';

type OAuthCredentials = Extract<StoredCredentials, { kind: 'oauth2' }>;

/** Refreshes an OAuth access token and stores the new one (the OAuth module implements it). */
export interface TokenRefresher {
  /** The stored credentials after a refresh; throws a ProviderError `unauthorized` when the grant is gone. */
  refresh(scope: Required<RowScope>, integrationId: string, connector: Connector, current: OAuthCredentials): Promise<OAuthCredentials>;
}

/** Refresh this long before expiry, so a token never expires in flight. */
export const REFRESH_MARGIN_MS = 60_000;

export const expiresSoon = (credentials: OAuthCredentials, now = Date.now()): boolean =>
  credentials.expiresAt !== undefined && Date.parse(credentials.expiresAt) - now < REFRESH_MARGIN_MS;
