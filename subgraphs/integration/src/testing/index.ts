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
