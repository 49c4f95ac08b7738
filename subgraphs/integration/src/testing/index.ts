export { startProviderServer, jsonOf, type ProviderServer, type ReceivedRequest } from './providers/provider-server';
export { startSlackServer, type SlackServer, type SlackServerOptions } from './providers/slack.server';
export { startS3Server, type S3Server, type S3ServerOptions, type S3Object } from './providers/s3.server';
export type { S3Credentials } from './providers/s3-signature';
export { startHttpTargetServer, type HttpTargetServer, type HttpTargetServerOptions } from './providers/http.server';
