export { startProviderServer, jsonOf, type ProviderServer, type ReceivedRequest } from './providers/provider-server';
export { startSlackServer, type SlackServer, type SlackServerOptions } from './providers/slack.server';
export {
  startGithubServer,
  type GithubServer,
  type GithubServerOptions,
  type GithubRepositoryFixture,
  type GithubPullRequestFixture,
} from './providers/github.server';
export { startGitlabServer, type GitlabServer, type GitlabServerOptions, type GitlabProjectFixture } from './providers/gitlab.server';
export { startTeamsServer, type TeamsServer, type TeamsServerOptions, type TeamsChannel } from './providers/teams.server';
export {
  startGoogleDriveServer,
  type GoogleDriveServer,
  type GoogleDriveServerOptions,
  type DriveFile,
} from './providers/google_drive.server';
export { startDropboxServer, type DropboxServer, type DropboxServerOptions, type DropboxFile } from './providers/dropbox.server';
export { startS3Server, type S3Server, type S3ServerOptions, type S3Object } from './providers/s3.server';
export type { S3Credentials } from './providers/s3-signature';
export { startHttpTargetServer, type HttpTargetServer, type HttpTargetServerOptions } from './providers/http.server';
export { seedConnectedIntegration } from './seed';
export { startTestAuthorizationServer, type TestAuthorizationServer, type TestAuthorizationServerOptions } from './oauth-provider';
export { TestBrowser } from './browser';
export { connectorHealthGauge } from '../modules/health/health.metrics';
