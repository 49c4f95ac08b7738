import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { API_KEY_VERIFY_PATH, apiKeyVerifyRequest, type ApiKeyVerifyResponse } from '@flowgraph/contracts';
import { AppError, ErrorCode, internalRoute, type Logger } from '@flowgraph/kernel';
import { ApiKeyRepository } from './api-key.repository';
import { verifyApiKey } from './api-key.verifier';

export interface ApiKeyVerifyRouteOptions {
  orm: MikroORM;
  identitySecret: string;
  logger: Logger;
}

/**
 * `POST /internal/api-keys/verify` `{ key }` for the gateway: 200 `{ apiKeyId, userId, orgId,
 * role, scopes, clientName }` or 401 in the REST error envelope. Like `/graphql`, it only answers calls
 * carrying an identity the gateway signed (an anonymous one suffices).
 */
export function apiKeyVerifyRoute(options: ApiKeyVerifyRouteOptions) {
  return internalRoute({
    method: 'POST',
    path: API_KEY_VERIFY_PATH,
    input: apiKeyVerifyRequest,
    identitySecret: options.identitySecret,
    logger: options.logger,
    bodyLimit: '4kb',
    unsigned: 'Requests must come through the gateway',
    handle: async ({ input }): Promise<ApiKeyVerifyResponse> => {
      const verified = await verifyApiKey(new ApiKeyRepository(options.orm.em.fork() as EntityManager), input.key);
      if (!verified) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Invalid, revoked or expired API key');
      return verified;
    },
  });
}
