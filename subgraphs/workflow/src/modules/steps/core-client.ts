import { INTERNAL_EVENTS_PATH, internalEventsResponse, type InternalEventInput, type InternalEventResult } from '@flowgraph/contracts';
import { InternalCallError, internalClient, isFinalRefusal, serviceIdentity, type InternalClient } from '@flowgraph/kernel';
import { DependencyUnavailableError } from './step.errors';

/** Thrown for answers that another attempt cannot change (4xx other than 408/429, an invalid event). */
export class CoreRejectedError extends Error {
  override readonly name = 'CoreRejectedError';
}

export interface CoreClientOptions {
  /** Core's origin, e.g. http://127.0.0.1:4001 (CORE_ORIGIN). */
  origin: string;
  identitySecret: string;
  /** Longest wait for Core's answer (a step's own timeout may end it sooner). Default: 30 s. */
  timeoutMs?: number;
}

/**
 * Core's internal API, called by workflow workers with a signed `service` identity acting for the
 * workflow's owner in its organization (the same signature the gateway uses). An unreachable Core
 * is DependencyUnavailableError (steps wait for it); a final refusal CoreRejectedError.
 */
export class CoreClient {
  private readonly core: InternalClient;

  constructor(options: CoreClientOptions) {
    this.core = internalClient({
      name: 'Core',
      origin: options.origin,
      identitySecret: options.identitySecret,
      timeoutMs: options.timeoutMs ?? 30_000,
    });
  }

  /** Records events once per idempotency key (a repeat answers DUPLICATE with the first event's id). */
  async recordEvents(
    scope: { orgId: string; userId: string },
    events: InternalEventInput[],
    signal?: AbortSignal,
  ): Promise<InternalEventResult[]> {
    try {
      const answer = await this.core.call({
        method: 'POST',
        path: INTERNAL_EVENTS_PATH,
        body: { events },
        identity: serviceIdentity(scope),
        response: internalEventsResponse,
        signal,
      });
      return answer.results;
    } catch (error) {
      if (!(error instanceof InternalCallError)) throw error;
      if (error.unreachable) throw new DependencyUnavailableError('core', error.message);
      if (isFinalRefusal(error)) throw new CoreRejectedError(error.message);
      throw error;
    }
  }
}
