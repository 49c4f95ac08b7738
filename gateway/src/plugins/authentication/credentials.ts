import type { Identity } from '@flowgraph/kernel';

/** What a verified credential says about the caller; the request-specific parts are added later. */
export type Credentials = Pick<Identity, 'userId' | 'orgId' | 'role' | 'scopes' | 'authMethod' | 'sessionId' | 'apiKeyId'> & {
  /**
   * For an API key bound to a client application: its name (`clients/<name>/`), whose trusted
   * documents alone the key may run. It travels in the request identity (`res.locals.identity`).
   */
  clientName?: string;
};

/** The caller's credential is missing, malformed, expired, revoked or unknown: HTTP 401. */
export class AuthenticationError extends Error {}
