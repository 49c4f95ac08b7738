import type { Connector, ConnectorId } from './connector';
import { githubConnector } from './github/github.connector';
import { gitlabConnector } from './gitlab/gitlab.connector';
import { ProviderHttp } from './provider-http';
import { slackConnector } from './slack/slack.connector';
import { teamsConnector } from './teams/teams.connector';
import { googleDriveConnector } from './google_drive/google_drive.connector';
import { dropboxConnector } from './dropbox/dropbox.connector';

/** Every connector, by id. Adding one is a folder and a line here (docs/adding-a-connector.md). */
export const connectorRegistry: ReadonlyMap<ConnectorId, Connector> = new Map(
  [slackConnector, githubConnector, gitlabConnector, teamsConnector, googleDriveConnector, dropboxConnector].map((c) => [c.id, c]),
);

export function connectorOf(id: string): Connector | undefined {
  return connectorRegistry.get(id as ConnectorId);
}

/** The HTTP client a connector's actions and health check use, with its base URLs resolved. */
export function providerHttpFor(connector: Connector, endpoints: Record<string, string>): ProviderHttp {
  return new ProviderHttp({ provider: connector.displayName, endpoints, errorMessage: connector.errorMessage });
}
