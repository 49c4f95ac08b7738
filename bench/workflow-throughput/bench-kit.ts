import { randomUUID } from 'node:crypto';
import { signIdentity } from '@flowgraph/kernel';

export {
  appDatabaseUrl,
  createLogger,
  createOrm,
  createRedis,
  ensureAppRole,
  loadConfig,
  migrateSubgraph,
  SecretKeyring,
} from '@flowgraph/kernel';

/** A GraphQL caller with a signed identity, as the gateway would send it. */
export function postGraphQLFor(url: string, who: { userId: string; orgId: string; role: 'member' }, secret: string) {
  return async (query: string, variables: Record<string, unknown>) => {
    const body = JSON.stringify({ query, variables });
    const headers = {
      'content-type': 'application/json',
      ...signIdentity({ requestId: randomUUID(), scopes: [], authMethod: 'jwt', ...who }, secret, { method: 'POST', target: url, body }),
    };
    const response = await fetch(url, { method: 'POST', headers, body });
    return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  };
}
