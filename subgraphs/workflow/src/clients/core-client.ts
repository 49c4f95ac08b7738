import { randomUUID } from 'node:crypto';
import { isUnavailable, signIdentity } from '@flowgraph/kernel';
import { DependencyUnavailableError, causeOf, isUnreachableStatus } from '../modules/steps/step.errors';

export interface CoreEventInput {
  idempotencyKey: string;
  eventType: string;
  tool: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

export interface CoreEventResult {
  index: number;
  status: 'CREATED' | 'DUPLICATE' | 'INVALID';
  eventId: string | null;
  errors: { field: string; message: string }[] | null;
}

/** Thrown for answers that another attempt cannot change (4xx other than 408/429, an invalid event). */
export class CoreRejectedError extends Error {
  override readonly name = 'CoreRejectedError';
}

export interface CoreClientOptions {
  /** Core's origin, e.g. http://127.0.0.1:4001 (CORE_ORIGIN). */
  origin: string;
  identitySecret: string;
}

/**
 * Core's internal API, called by workflow workers with a signed `service` identity acting for the
 * workflow's owner in its organization (the same signature the gateway uses).
 */
export class CoreClient {
  constructor(private readonly options: CoreClientOptions) {}

  /** Records events once per idempotency key (a repeat answers DUPLICATE with the first event's id). */
  async recordEvents(
    scope: { orgId: string; userId: string },
    events: CoreEventInput[],
    signal?: AbortSignal,
  ): Promise<CoreEventResult[]> {
    const url = `${this.options.origin}/internal/events`;
    const body = JSON.stringify({ events });
    const headers = {
      'content-type': 'application/json',
      ...signIdentity(
        { requestId: randomUUID(), orgId: scope.orgId, userId: scope.userId, role: 'member', scopes: [], authMethod: 'service' },
        this.options.identitySecret,
        { method: 'POST', target: url, body },
      ),
    };
    const response = await fetch(url, { method: 'POST', headers, body, signal }).catch((error: unknown) => {
      if (!signal?.aborted && isUnavailable(error)) throw new DependencyUnavailableError('core', `Core unreachable (${causeOf(error)})`);
      throw error;
    });
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      const message = `Core answered ${response.status} to /internal/events: ${text.slice(0, 300)}`;
      if (isUnreachableStatus(response.status)) throw new DependencyUnavailableError('core', message);
      if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
        throw new CoreRejectedError(message);
      }
      throw new Error(message);
    }
    const answer = (await response.json()) as { results: CoreEventResult[] };
    return answer.results;
  }
}
