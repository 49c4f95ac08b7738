import { GraphQLError } from 'graphql';
import { ErrorCode, type Identity } from '@flowgraph/kernel';
import type { SubscriptionRequest } from './federated-subscriber';

/** What `trustedDocumentResolver` (plugins/trusted-documents) answers: the params to run, or a refusal. */
type Refusal = { code: string; reason: string; message: string };
type Resolve = (params: Record<string, unknown>, identity: Identity, requestId: string) => Record<string, unknown> | Refusal;

const isRefusal = (value: Record<string, unknown> | Refusal): value is Refusal =>
  !('query' in value) && typeof value.code === 'string' && typeof value.reason === 'string' && typeof value.message === 'string';

/**
 * Adapts the trusted-documents resolver to subscriptions: the same ids (`documentId`, APQ hash in
 * `extensions.persistedQuery`) and the same rule for client-bound API keys as on HTTP. graphql-ws
 * requires a `query` string, so an empty one means "by id".
 */
export function trustedSubscriptionOperations(resolve: Resolve) {
  return (params: SubscriptionRequest & Record<string, unknown>, identity: Identity): SubscriptionRequest | GraphQLError => {
    const { query, ...rest } = params;
    const resolved = resolve(query === '' ? rest : params, identity, identity.requestId);
    if (isRefusal(resolved)) {
      return new GraphQLError(resolved.message, { extensions: { code: resolved.code, reason: resolved.reason } });
    }
    if (typeof resolved.query !== 'string')
      return new GraphQLError('Send a query or a persisted document id', { extensions: { code: ErrorCode.VALIDATION_ERROR } });
    return resolved as unknown as SubscriptionRequest;
  };
}
