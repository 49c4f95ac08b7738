import {
  INTERNAL_ACTIONS_PATH,
  internalActionResponse,
  type InternalActionRequest,
  type InternalActionResponse,
} from '@flowgraph/contracts';
import { InternalCallError, internalClient, serviceIdentity, type InternalClient } from '@flowgraph/kernel';
import { DependencyUnavailableError } from './step.errors';

export interface IntegrationClientOptions {
  /** Integration's origin, e.g. http://127.0.0.1:4003 (INTEGRATION_ORIGIN). */
  origin: string;
  identitySecret: string;
  /** Longest wait for an answer; a provider call inside is bounded by Integration itself. Default: 90 s. */
  timeoutMs?: number;
}

/**
 * Integration's internal API: runs connector actions with a signed `service` identity acting for
 * the workflow's owner. Credentials never come here; the answer is the action's outcome. An
 * unreachable Integration is DependencyUnavailableError (the step waits for it).
 */
export class IntegrationClient {
  private readonly integration: InternalClient;

  constructor(options: IntegrationClientOptions) {
    this.integration = internalClient({
      name: 'Integration',
      origin: options.origin,
      identitySecret: options.identitySecret,
      timeoutMs: options.timeoutMs ?? 90_000,
    });
  }

  async runAction(
    scope: { orgId: string; userId: string },
    request: InternalActionRequest,
    signal?: AbortSignal,
  ): Promise<InternalActionResponse> {
    try {
      return await this.integration.call({
        method: 'POST',
        path: INTERNAL_ACTIONS_PATH,
        body: request,
        identity: serviceIdentity(scope),
        response: internalActionResponse,
        signal,
      });
    } catch (error) {
      if (error instanceof InternalCallError && error.unreachable) throw new DependencyUnavailableError('integration', error.message);
      throw error;
    }
  }
}
