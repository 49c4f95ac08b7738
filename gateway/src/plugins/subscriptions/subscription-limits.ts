import { rateLimited, type Identity } from '@flowgraph/kernel';
import type { GraphQLError } from 'graphql';

/** Whose subscription it is, and (WebSocket) the connection's open-subscription counter. */
export interface LimitScope {
  identity: Identity;
  connection?: { open: number };
}

export interface SubscriptionLimitsOptions {
  /** Subscriptions open at once on one WebSocket connection. Default: 20. */
  perConnection?: number;
  /** Subscriptions open at once for one user (or API key) on this gateway replica, all transports. Default: 100. */
  perUser?: number;
}

/** Suggested wait, in seconds, before trying again: a limit frees up when a subscription ends. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Counts open subscriptions per connection and per user. Counts live in this process: the
 * per-user limit applies per replica (N replicas allow N × perUser), which bounds what one user
 * can hold open on each process, the resource at stake.
 */
export class SubscriptionLimits {
  private readonly perUser = new Map<string, number>();
  readonly maxPerConnection: number;
  readonly maxPerUser: number;

  constructor(options: SubscriptionLimitsOptions = {}) {
    this.maxPerConnection = options.perConnection ?? 20;
    this.maxPerUser = options.perUser ?? 100;
  }

  /** Takes a slot for the scope's subscription, or says which limit refuses it (code RATE_LIMITED). */
  acquire(scope: LimitScope): GraphQLError | undefined {
    if (scope.connection && scope.connection.open >= this.maxPerConnection) {
      return rateLimited(RETRY_AFTER_SECONDS, `Too many subscriptions on this connection (at most ${this.maxPerConnection})`);
    }
    const user = userKey(scope);
    const open = this.perUser.get(user) ?? 0;
    if (open >= this.maxPerUser)
      return rateLimited(RETRY_AFTER_SECONDS, `Too many subscriptions for this user (at most ${this.maxPerUser})`);
    this.perUser.set(user, open + 1);
    if (scope.connection) scope.connection.open += 1;
    return undefined;
  }

  release(scope: LimitScope): void {
    const user = userKey(scope);
    const open = (this.perUser.get(user) ?? 1) - 1;
    if (open <= 0) this.perUser.delete(user);
    else this.perUser.set(user, open);
    if (scope.connection) scope.connection.open -= 1;
  }
}

function userKey({ identity }: Pick<LimitScope, 'identity'>): string {
  return identity.userId ? `user:${identity.userId}` : `key:${identity.apiKeyId ?? 'anonymous'}`;
}
