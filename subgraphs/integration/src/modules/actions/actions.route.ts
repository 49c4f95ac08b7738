import { INTERNAL_ACTIONS_PATH, internalActionRequest, type InternalActionResponse } from '@flowgraph/contracts';
import { internalRoute, type Logger } from '@flowgraph/kernel';
import type { ActionService } from './action.service';

/**
 * `POST /internal/actions` for workflow workers: runs one connector action for a signed `service`
 * identity acting in an organization, and answers its outcome (200) as the contract describes.
 */
export function internalActionsRoute(options: { actions: ActionService; identitySecret: string; logger: Logger }) {
  return internalRoute({
    method: 'POST',
    path: INTERNAL_ACTIONS_PATH,
    input: internalActionRequest,
    identitySecret: options.identitySecret,
    logger: options.logger,
    // Uploads carry their content in the input (a file up to a few MiB, base64).
    bodyLimit: '8mb',
    unsigned: 'A signed service identity is required',
    refuse: (identity) =>
      identity.authMethod !== 'service' || !identity.orgId || !identity.userId ? 'A signed service identity is required' : null,
    handle: ({ identity, input }): Promise<InternalActionResponse> => options.actions.run(identity, input),
  });
}
