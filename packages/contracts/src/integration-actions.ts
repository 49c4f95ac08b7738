import { z } from 'zod';

/** Integration's `POST /internal/actions`: a workflow's connector_action step runs one connector action. */
export const INTERNAL_ACTIONS_PATH = '/internal/actions';

export const internalActionRequest = z.object({
  connector: z.string().min(1).max(50),
  action: z.string().min(1).max(100),
  /** The step's input after its expressions were evaluated; the connector's schema validates it. */
  input: z.record(z.string(), z.unknown()),
  /** `<executionId>:<stepId>`: a repeat answers the first call's output without calling again. */
  idempotencyKey: z.string().min(1).max(200),
  /** A specific connection; by default the organization's most recently connected one for the connector. */
  integrationId: z.string().uuid().optional(),
});

export type InternalActionRequest = z.infer<typeof internalActionRequest>;

/**
 * What happened, as data (200): the caller's next move differs per outcome, which status codes
 * alone would blur.
 * - `succeeded`: the output (`replayed` when an earlier attempt had already made the call);
 * - `not_connected`, `rejected`: final (nothing to connect, bad input, the provider refused);
 * - `retry_later`: wait `retryAfterMs` without counting a failed attempt (rate limit, a call in flight);
 * - `unavailable`: the provider is down or its circuit is open: wait for it like any dependency;
 * - `failed`: a transient failure worth another attempt.
 */
export const internalActionResponse = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('succeeded'),
    integrationId: z.string(),
    output: z.record(z.string(), z.unknown()),
    replayed: z.boolean(),
  }),
  z.object({ outcome: z.literal('not_connected'), message: z.string() }),
  z.object({ outcome: z.literal('rejected'), message: z.string() }),
  z.object({ outcome: z.literal('retry_later'), message: z.string(), retryAfterMs: z.number().int().min(0) }),
  z.object({ outcome: z.literal('unavailable'), message: z.string(), retryAfterMs: z.number().int().min(0).optional() }),
  z.object({ outcome: z.literal('failed'), message: z.string() }),
]);

export type InternalActionResponse = z.infer<typeof internalActionResponse>;
