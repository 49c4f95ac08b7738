import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { withTimeout, type Identity, type Logger, type Redis } from '@flowgraph/kernel';
import type { GatewayMetrics } from '../../metrics';
import { cacheKeys, type CacheKeys } from './cache-key';
import { entityIdTags, mutationTypeTags, operationTypeTags } from './cache-tags';
import { RedisResponseStore, type LookupResult } from './redis-store';
import { UncacheableOperations } from './uncacheable-operations';

export { CREDENTIAL_HEADERS, etagMatches, httpCaching, type HttpCachingOptions } from './http-caching';

export interface ResponseCacheOptions {
  /** The Redis every replica shares. Required. */
  redis: Redis;
  /** `REDIS_PREFIX`; everything lives under `{prefix}:rc:`. Required. */
  prefix: string;
  /** Longest an entry is kept, whatever the hints say. Default: 60 (seconds). */
  maxTtlSeconds?: number;
  /** Most `Type:id` tags one entry gets (long lists keep only type tags beyond it). Default: 50. */
  maxIdTags?: number;
  /**
   * Mutations that change no data a query can be cached with, so they invalidate nothing.
   * Default: `logIn`, `refreshSession`, `switchOrganization`, `logOut` (sessions are never cached).
   */
  readOnlyMutations?: readonly string[];
  /**
   * After an operation's answer turns out uncacheable, its lookups are skipped on this replica
   * for this long (a hint added later takes effect after it). 0 looks up every time. Default: 10 (seconds).
   */
  uncacheableMemorySeconds?: number;
  /**
   * How long a lookup, store or invalidation waits for Redis before the request goes on without
   * it (a lookup counts as a miss). Default: 250 (ms).
   */
  redisTimeoutMs?: number;
  /** Where hits and misses are counted (`gateway_response_cache_total`). Default: not counted. */
  metrics?: Pick<GatewayMetrics, 'responseCache'>;
  logger: Logger;
}

export interface ResponseCachePlugin<TContext extends CacheContext> extends ApolloServerPlugin<TContext> {
  /** Drops every entry tagged with any of `tags` (`Workflow`, `Workflow:<id>`), on every replica. */
  invalidate(tags: string[]): Promise<number>;
}

/** What the plugin reads from the request context: who is calling, and where to log. */
export interface CacheContext extends Record<string, unknown> {
  identity?: Identity;
  logger?: Logger;
}

const DEFAULT_READ_ONLY_MUTATIONS = ['logIn', 'refreshSession', 'switchOrganization', 'logOut'];

/**
 * Caches whole query responses in Redis for as long as the federated cache policy allows (the
 * subgraphs' `@cacheControl` hints, reaching the gateway as their `Cache-Control` headers):
 * PUBLIC entries are shared, PRIVATE ones belong to one caller. Only complete, error-free
 * responses are stored. Each entry is tagged with the object types its operation selects (and
 * `Type:id` of the entities in it); a mutation drops the entries of every type it touches.
 */
export function responseCache<TContext extends CacheContext>(options: ResponseCacheOptions): ResponseCachePlugin<TContext> {
  const maxTtl = options.maxTtlSeconds ?? 60;
  const maxIdTags = options.maxIdTags ?? 50;
  const readOnly = new Set(options.readOnlyMutations ?? DEFAULT_READ_ONLY_MUTATIONS);
  const store = new RedisResponseStore(options.redis, options.prefix, maxTtl);
  const uncacheable = new UncacheableOperations((options.uncacheableMemorySeconds ?? 10) * 1000);
  const timeoutMs = options.redisTimeoutMs ?? 250;
  const bounded = <T>(work: Promise<T>) => withTimeout(work, timeoutMs, 'response cache store');
  const count = (result: 'hit' | 'miss') => options.metrics?.responseCache.inc({ result });

  async function invalidateAfterMutation(context: GraphQLRequestContextWillSendResponse<TContext>): Promise<void> {
    const { operation, document, schema } = context;
    if (!operation || !document) return;
    const fields = operation.selectionSet.selections.map((s) => (s.kind === 'Field' ? s.name.value : '*'));
    if (fields.every((name) => readOnly.has(name))) return;
    await bounded(store.invalidate(mutationTypeTags(schema, document, operation)));
  }

  return {
    invalidate: (tags) => store.invalidate(tags),
    async requestDidStart({ contextValue }) {
      const logger = contextValue.logger ?? options.logger;
      let pending: { keys: CacheKeys; found: Promise<LookupResult> } | undefined;
      let lookup: { keys: CacheKeys; readAt: number } | undefined;
      let served = false;
      let operationKey: string | undefined;
      return {
        // The lookup starts as soon as the operation is known, alongside the rate limiter's count,
        // so the two Redis round trips overlap; it is read below.
        async didResolveOperation(context) {
          if (context.operation?.operation !== 'query' || !context.queryHash) return;
          operationKey = `${context.queryHash}|${context.operationName ?? ''}`;
          if (uncacheable.has(operationKey)) return;
          const keys = cacheKeys({
            queryHash: context.queryHash,
            operationName: context.operationName,
            variables: context.request.variables,
            identity: contextValue.identity,
          });
          const found = bounded(store.lookup(keys));
          found.catch(() => undefined); // a refused operation never reads it
          pending = { keys, found };
        },
        async responseForOperation(context) {
          if (!operationKey) return null;
          try {
            let found: LookupResult | undefined; // none looked up: known uncacheable
            if (pending) {
              found = await pending.found;
              lookup = { keys: pending.keys, readAt: found.readAt };
            }
            if (!found?.hit) {
              count('miss');
              context.response.http.headers.set('x-cache', 'MISS');
              return null;
            }
            count('hit');
            served = true;
            // The entry's remaining lifetime becomes the policy, so Cache-Control counts down too.
            context.overallCachePolicy.replace({ maxAge: found.hit.remainingSeconds, scope: found.hit.scope });
            const headers = new HeaderMap([
              ['x-cache', 'HIT'],
              ['age', String(found.hit.ageSeconds)],
            ]);
            return { http: { headers, status: undefined }, body: { kind: 'single', singleResult: { data: found.hit.data } } };
          } catch (error) {
            // Redis trouble costs the cache, never the request.
            logger.warn({ err: error }, 'response cache lookup failed');
            return null;
          }
        },
        async willSendResponse(context) {
          try {
            if (context.operation?.operation === 'mutation') return await invalidateAfterMutation(context);
            if (!operationKey || served || !context.document || !context.operation) return;
            const { body } = context.response;
            if (body.kind !== 'single' || body.singleResult.errors || !body.singleResult.data) return;
            const policy = context.overallCachePolicy.policyIfCacheable();
            if (!policy) return uncacheable.add(operationKey);
            uncacheable.delete(operationKey);
            if (!lookup) return; // lookup skipped (or failed): store next time, with a read time to check against
            const key = policy.scope === 'PRIVATE' ? lookup.keys.private : lookup.keys.public;
            if (!key) return; // PRIVATE data of an anonymous caller: nobody to keep it for
            const { schema, document, operation } = context;
            const tags = [
              ...operationTypeTags(schema, document, context.operationName),
              ...entityIdTags(schema, document, operation, body.singleResult.data, maxIdTags),
            ];
            await bounded(
              store.save(key, { data: body.singleResult.data, scope: policy.scope }, Math.min(policy.maxAge, maxTtl), tags, lookup.readAt),
            );
          } catch (error) {
            logger.warn({ err: error }, 'response cache update failed');
          }
        },
      };
    },
  };
}
