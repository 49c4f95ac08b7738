import { INTERNAL_EVENTS_PATH, internalEventsResponse, type InternalEventInput, type InternalEventResult } from '@flowgraph/contracts';
import { internalClient, serviceIdentity, type InternalClient } from '@flowgraph/kernel';

export interface CoreEventsClientOptions {
  /** Core's origin, e.g. http://127.0.0.1:4001 (CORE_ORIGIN). */
  origin: string;
  identitySecret: string;
  timeoutMs?: number;
}

/**
 * Records events in Core (`POST /internal/events`) for an organization, once per idempotency key:
 * verified provider webhooks and integration health changes become events that fire workflow
 * triggers and feed pattern mining. Failures throw InternalCallError (`unreachable` for outages).
 */
export class CoreEventsClient {
  private readonly core: InternalClient;

  constructor(options: CoreEventsClientOptions) {
    this.core = internalClient({
      name: 'Core',
      origin: options.origin,
      identitySecret: options.identitySecret,
      timeoutMs: options.timeoutMs ?? 10_000,
    });
  }

  /** `userId`: whom the events are attributed to (the integration's owner). */
  async record(
    scope: { orgId: string; userId: string },
    events: InternalEventInput[],
    signal?: AbortSignal,
  ): Promise<InternalEventResult[]> {
    const answer = await this.core.call({
      method: 'POST',
      path: INTERNAL_EVENTS_PATH,
      body: { events },
      identity: serviceIdentity(scope),
      response: internalEventsResponse,
      signal,
    });
    return answer.results;
  }
}
