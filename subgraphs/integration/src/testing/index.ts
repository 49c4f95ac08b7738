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
