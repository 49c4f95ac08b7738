import type { Dispatcher } from 'undici';
import type { Connector, ConnectorId } from './connector';
import { githubConnector } from './github/github.connector';
import { gitlabConnector } from './gitlab/gitlab.connector';
import { httpConnector } from './http/http.connector';
import { ProviderHttp } from './provider-http';
import { s3Connector } from './s3/s3.connector';
import { slackConnector } from './slack/slack.connector';
import { teamsConnector } from './teams/teams.connector';
import { googleDriveConnector } from './google_drive/google_drive.connector';
import { dropboxConnector } from './dropbox/dropbox.connector';

/** Every connector, by id. Adding one is a folder and a line here (docs/adding-a-connector.md). */
export const connectorRegistry: ReadonlyMap<ConnectorId, Connector> = new Map(
  [
    slackConnector,
    githubConnector,
    gitlabConnector,
    teamsConnector,
    googleDriveConnector,
    dropboxConnector,
    s3Connector,
    httpConnector,
  ].map((c) => [c.id, c]),
);

export function connectorOf(id: string): Connector | undefined {
  return connectorRegistry.get(id as ConnectorId);
}

/** How connections leave the process, built once from config by whoever wires the service. */
export interface ProviderNetwork {
  /** Connects only to addresses the SSRF guard allows (`createGuardedDispatcher`); connectors that call user-given URLs need it. */
  guardedDispatcher?: Dispatcher;
}

/**
 * The HTTP client a connector's actions and health check use, with its base URLs resolved. A
 * connector that calls user-given URLs gets the guarded dispatcher, and none without it (fail closed).
 */
export function providerHttpFor(connector: Connector, endpoints: Record<string, string>, network: ProviderNetwork = {}): ProviderHttp {
  if (connector.callsUserUrls && !network.guardedDispatcher) throw new Error(`${connector.displayName} needs the SSRF-guarded dispatcher`);
  return new ProviderHttp({
    provider: connector.displayName,
    endpoints,
    errorMessage: connector.errorMessage,
    dispatcher: connector.callsUserUrls ? network.guardedDispatcher : undefined,
  });
}
