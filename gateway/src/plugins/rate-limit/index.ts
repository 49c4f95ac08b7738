import type { NextFunction, Request, Response } from 'express';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, rateLimited, withTimeout, type Identity, type Logger, type Redis } from '@flowgraph/kernel';
import type { GatewayContext } from '../../context';
import type { GatewayMetrics } from '../../metrics';
import { fieldLimitsFromSupergraph, limitedFieldsOf } from './field-limits';
import { windowStore } from './redis-windows';

export interface RateLimitOptions {
  /** Shared by all replicas, so their counts add up. Required. */
  redis: Redis;
  /** `REDIS_PREFIX`: counters live under `${prefix}:rl:`. Required. */
  prefix: string;
  /** Requests per minute from one client IP (`req.ip`, see TRUST_PROXY_HOPS). Default 600; 0 disables. */
  ipPerMinute?: number;
  /** Requests per minute of one signed-in user (bearer token). Default 1 200; 0 disables. */
  userPerMinute?: number;
  /** Requests per minute made with one API key. Default 1 200; 0 disables. */
  apiKeyPerMinute?: number;
  /** Operations per minute of one caller (key, user, or IP when anonymous) with one operation name. Default 300; 0 disables. */
  operationPerMinute?: number;
  /** The supergraph SDL: its fields' composed `@rateLimit` directives become per-field limits. Default: none. */
  supergraphSdl?: string;
  /** Where refusals are counted (`rateLimitRejections`). Required. */
  metrics: Pick<GatewayMetrics, 'rateLimitRejections'>;
  logger: Logger;
  /** How long a check waits for Redis before the request goes on unlimited (fail-open). Default 250 ms. */
  redisTimeoutMs?: number;
  /** Injected for tests. Default: `Date.now`. */
  now?: () => number;
}

/** What the `RateLimit-*` headers say: the most restrictive limit that applied. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until that limit's window frees capacity. */
  resetSeconds: number;
}

type LimitKind = 'ip' | 'user' | 'api_key' | 'operation' | 'field';
interface Verdict extends RateLimitState {
  kind: LimitKind;
  refused: boolean;
  message: string;
}

const MINUTE_MS = 60_000;
const KIND_WORDS: Record<LimitKind, string> = {
  ip: 'IP address',
  user: 'user',
  api_key: 'API key',
  operation: 'operation',
  field: 'field',
};
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Who a request counts against: its API key, else its user, else its IP. */
export function callerOf(identity: Identity): string {
  if (identity.authMethod === 'api_key' && identity.apiKeyId) return `key:${identity.apiKeyId}`;
  if (identity.userId) return `user:${identity.userId}`;
  return `ip:${identity.ip ?? 'unknown'}`;
}

/** The most restrictive of several verdicts: a refusal first, then the fewest remaining, then the longest wait. */
function tightest(verdicts: Verdict[]): Verdict | undefined {
  return [...verdicts].sort(
    (a, b) => Number(b.refused) - Number(a.refused) || a.remaining - b.remaining || b.resetSeconds - a.resetSeconds,
  )[0];
}

function writeHeaders(set: (name: string, value: string) => void, verdict: Verdict): void {
  set('ratelimit-limit', String(verdict.limit));
  set('ratelimit-remaining', String(verdict.remaining));
  set('ratelimit-reset', String(verdict.resetSeconds));
  // Seconds, as HTTP defines Retry-After (not @envelop/rate-limiter's "10s").
  if (verdict.refused) set('retry-after', String(verdict.resetSeconds));
}

/**
 * Rate limits on a Redis store shared by all replicas. `middleware` (after authentication, before
 * body parsing) counts requests per IP and per user or API key; `plugin` (Apollo, once the
 * operation is known) counts operations per caller and name, and the fields' `@rateLimit`s.
 * Refusals answer HTTP 429 with `RATE_LIMITED`, `retryAfter`, `Retry-After` and `RateLimit-*`.
 * If Redis fails or is slower than `redisTimeoutMs`, requests go on unlimited (fail-open) and a
 * warning is logged: an outage of the limiter's store must not take the whole API down.
 */
export function rateLimits(options: RateLimitOptions) {
  const store = windowStore(options.redis);
  const now = options.now ?? Date.now;
  const timeoutMs = options.redisTimeoutMs ?? 250;
  const perMinute: Record<Exclude<LimitKind, 'field'>, number> = {
    ip: options.ipPerMinute ?? 600,
    user: options.userPerMinute ?? 1200,
    api_key: options.apiKeyPerMinute ?? 1200,
    operation: options.operationPerMinute ?? 300,
  };
  const fieldLimits = options.supergraphSdl ? fieldLimitsFromSupergraph(options.supergraphSdl) : new Map();
  // Verdicts of the middleware, found again by the plugin through the identity object both see.
  const earlier = new WeakMap<Identity, Verdict>();
  // Apollo reuses the parsed document of a repeated operation: remember those with no limited field.
  const unlimitedDocuments = new WeakSet<object>();
  let lastWarning = 0;

  async function guarded<T>(work: Promise<T>): Promise<T | undefined> {
    try {
      return await withTimeout(work, timeoutMs, 'rate-limit store');
    } catch (error) {
      if (now() - lastWarning > 10_000) {
        lastWarning = now();
        options.logger.warn({ err: error }, 'rate limits not enforced: their Redis store failed (fail-open)');
      }
      return undefined;
    }
  }

  async function fixedWindows(checks: { kind: Exclude<LimitKind, 'field'>; key: string }[]): Promise<Verdict[]> {
    const active = checks.filter((c) => perMinute[c.kind] > 0);
    if (active.length === 0) return [];
    const counts = await guarded(
      store.hitFixed(
        active.map((c) => c.key),
        MINUTE_MS,
      ),
    );
    if (!counts) return [];
    return active.map((check, i) => {
      const max = perMinute[check.kind];
      return {
        kind: check.kind,
        limit: max,
        remaining: Math.max(0, max - counts[i].count),
        resetSeconds: seconds(counts[i].resetMs),
        refused: counts[i].count > max,
        message: `Too many requests: at most ${max} a minute per ${KIND_WORDS[check.kind]}`,
      };
    });
  }

  function count(verdicts: Verdict[]): void {
    for (const v of verdicts) if (v.refused) options.metrics.rateLimitRejections.inc({ limit: v.kind });
  }

  const middleware = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const identity = res.locals.identity as Identity;
    const checks: { kind: Exclude<LimitKind, 'field'>; key: string }[] = [];
    if (identity.ip) checks.push({ kind: 'ip', key: `${options.prefix}:rl:ip:${identity.ip}` });
    if (identity.authMethod === 'api_key' && identity.apiKeyId)
      checks.push({ kind: 'api_key', key: `${options.prefix}:rl:key:${identity.apiKeyId}` });
    else if (identity.userId) checks.push({ kind: 'user', key: `${options.prefix}:rl:user:${identity.userId}` });
    const verdicts = await fixedWindows(checks);
    const verdict = tightest(verdicts);
    if (!verdict) return next();
    writeHeaders((name, value) => res.setHeader(name, value), verdict);
    if (!verdict.refused) {
      earlier.set(identity, verdict);
      return next();
    }
    count(verdicts);
    res.status(429).json({
      errors: [
        {
          message: verdict.message,
          extensions: { code: ErrorCode.RATE_LIMITED, retryAfter: verdict.resetSeconds, request_id: res.locals.requestId as string },
        },
      ],
    });
  };

  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart({ contextValue }) {
      let verdict = earlier.get(contextValue.identity);
      return {
        async didResolveOperation({ document, schema, operationName, request }) {
          const caller = callerOf(contextValue.identity);
          const name = (operationName ?? 'anonymous').slice(0, 100);
          const hits = unlimitedDocuments.has(document)
            ? []
            : limitedFieldsOf(schema, document, request.variables ?? {}, fieldLimits, caller);
          if (hits.length === 0) unlimitedDocuments.add(document);
          const [operation, fields] = await Promise.all([
            fixedWindows([{ kind: 'operation', key: `${options.prefix}:rl:op:${caller}:${name}` }]),
            Promise.all(
              hits.map(async (hit): Promise<Verdict | undefined> => {
                const key = `${options.prefix}:rl:field:${caller}:${hit.fieldIdentity}`;
                const { limit } = hit;
                const outcome = await guarded(
                  store.hitLog(key, {
                    now: now(),
                    windowMs: limit.windowMs,
                    max: limit.max,
                    calls: hit.calls,
                    readOnly: limit.readOnly,
                    uncountRejected: limit.uncountRejected,
                  }),
                );
                if (!outcome?.limited) return undefined; // admitted field limits stay out of the headers
                return {
                  kind: 'field',
                  limit: limit.max,
                  remaining: 0,
                  resetSeconds: seconds(outcome.waitMs),
                  refused: true,
                  message: hit.message,
                };
              }),
            ),
          ]);
          const verdicts = [...operation, ...fields.filter((v): v is Verdict => v !== undefined)];
          verdict = tightest(verdict ? [verdict, ...verdicts] : verdicts);
          if (!verdict?.refused) return;
          count(verdicts);
          const error = rateLimited(verdict.resetSeconds, verdict.message);
          (error.extensions as Record<string, unknown>).http = { status: 429, headers: new HeaderMap() };
          throw error;
        },
        async willSendResponse({ response }) {
          if (verdict) writeHeaders((name, value) => response.http.headers.set(name, value), verdict);
        },
      };
    },
  };

  return { middleware, plugin, fieldLimits };
}
